using Microsoft.AspNetCore.Diagnostics;
using Monitor.EventStore;
using Monitor.Hosting;

namespace Monitor.Http;

/// <summary>
/// Answers failures no request could have avoided: 503 with Retry-After while the store cannot take writes
/// (a full disk, another process holding it, writers racing), 503 while it is damaged, 500 otherwise.
/// Each is logged through the <see cref="LogThrottle"/>: once a minute with a count, not a stack trace per
/// request (the framework logs nothing for exceptions handled here).
/// </summary>
public sealed class FailureHandler(LogThrottle throttle, ILogger<FailureHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception error, CancellationToken ct)
    {
        if (error is BadHttpRequestException) return false; // the framework answers those with their own status
        var (answer, level) = error switch
        {
            StoreUnavailableException unavailable => (Unavailable.Problem(http, error.Message, unavailable.RetryAfter), LogLevel.Warning),
            WrongExpectedRevisionException => (Unavailable.Problem(http,
                "Other writes kept changing what this one was being decided against: retry it.", TimeSpan.FromSeconds(1)), LogLevel.Warning),
            StoreDamagedException => (Unavailable.Problem(http, error.Message, null), LogLevel.Critical),
            _ => (Results.Problem(title: "The server failed to answer.", statusCode: StatusCodes.Status500InternalServerError), LogLevel.Error),
        };
        var route = (http.Features.Get<IExceptionHandlerFeature>()?.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value;
        throttle.Failed(log, level, $"{http.Request.Method} {route}", error);
        await answer.ExecuteAsync(http);
        return true;
    }
}
