using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Monitor.Http;

namespace Monitor.Auth;

/// <summary>
/// Slows key guessing: a request that sends an Authorization header the server does not accept counts
/// against its client (its IP address; an IPv6 client's /64), and past the limit per minute such requests
/// get 429 with Retry-After. Requests with a good key, or with none, are never limited.
/// </summary>
public static class FailedAuthenticationLimit
{
    public static void Configure(RateLimiterOptions limiter, int perMinute)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Failed(http)
            ? RateLimitPartition.GetFixedWindowLimiter(ClientOf(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
            })
            : RateLimitPartition.GetNoLimiter(""));
        limiter.OnRejected = async (context, _) =>
        {
            var http = context.HttpContext;
            var refusedKey = Failed(http);
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after
                : refusedKey ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1);
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.StatusCode = refusedKey ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = refusedKey
                    ? new()
                    {
                        Title = "Too many refused keys.",
                        Detail = $"More than {perMinute} requests from your address in a minute sent a key that is not configured. Try again in {seconds} s.",
                        Status = StatusCodes.Status429TooManyRequests,
                    }
                    : ReadAdmission.Refused,
            });
        };
    }

    /// <summary>Sent credentials that authentication (which runs first) did not accept.</summary>
    private static bool Failed(HttpContext http) =>
        http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true;

    private static string ClientOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? Convert.ToHexString(address.GetAddressBytes(), 0, 8) + "::/64"
            : address.ToString();
    }
}
