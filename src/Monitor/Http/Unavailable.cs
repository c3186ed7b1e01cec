using System.Globalization;

namespace Monitor.Http;

/// <summary>503 problem+json: the request was fine, the server cannot serve it now; Retry-After says when to try again.</summary>
public static class Unavailable
{
    public static IResult Problem(HttpContext http, string detail, TimeSpan? retryAfter)
    {
        if (retryAfter is { } after) http.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(title: "Unavailable for now.", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
