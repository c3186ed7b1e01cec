using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Monitor.Hosting;

namespace Monitor.Http;

/// <summary>Bearer keys: analyst keys may write; reads are open unless reader keys are configured.</summary>
public static class AnalystKeys
{
    public static RouteHandlerBuilder RequireAnalystKey(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
            Allowed(context.HttpContext, o => o.AnalystKeys) ? await next(context) : Refuse("an analyst key"));

    public static RouteGroupBuilder RequireReaderKeyIfConfigured(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
            Allowed(context.HttpContext, o => o.ReaderKeys.Count == 0 ? null : [.. o.ReaderKeys, .. o.AnalystKeys])
                ? await next(context) : Refuse("a reader key"));

    private static bool Allowed(HttpContext http, Func<AuthOptions, IReadOnlyList<string>?> keysOf)
    {
        var keys = keysOf(http.RequestServices.GetRequiredService<IOptions<MonitorOptions>>().Value.Auth);
        if (keys is null) return true;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        return keys.Any(key => CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(key)));
    }

    private static IResult Refuse(string what) => Results.Problem(title: "Not authorised.",
        detail: $"Send {what} as 'Authorization: Bearer <key>'. Keys are configured under Monitor:Auth.", statusCode: 401);
}
