using Microsoft.AspNetCore.Diagnostics;
namespace Monitor.Http;

/// <summary>
/// Failures answer as problem+json. Kestrel refuses a request it cannot take (a body over the limit, one that
/// arrives too slowly) by throwing <see cref="BadHttpRequestException"/>: that keeps its own status (413, 408)
/// and says why, rather than becoming a 500 logged as the server's fault.
/// </summary>
public static class HttpErrors
{
    public static IServiceCollection AddProblems(this IServiceCollection services) => services
        .AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException refused) context.ProblemDetails.Detail = refused.Message;
        })
        .Configure<ExceptionHandlerOptions>(o =>
        {
            o.StatusCodeSelector = error =>
                error is BadHttpRequestException refused ? refused.StatusCode : StatusCodes.Status500InternalServerError;
            // Refused requests are no server error; failures our own handler answered it logs itself, throttled.
            o.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException
                || context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService;
        });
}
