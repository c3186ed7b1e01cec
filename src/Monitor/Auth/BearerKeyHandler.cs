using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Monitor.Auth;

/// <summary>
/// `Authorization: Bearer &lt;key&gt;`: the key is everything after "Bearer ", as sent. An analyst key holds
/// both roles, a reader key the reader role. Refusals are problem+json: 401 with WWW-Authenticate, 403 for a
/// reader key that tries to write.
/// </summary>
public sealed class BearerKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyRing keys, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string Prefix = SchemeName + " ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var role = keys.RoleOf(header[Prefix.Length..]);
        if (role is null) return Task.FromResult(AuthenticateResult.Fail("Not a configured key."));
        string[] roles = role == Roles.Analyst ? [Roles.Analyst, Roles.Reader] : [Roles.Reader];
        var identity = new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)), Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var keyRefused = (await HandleAuthenticateOnceSafeAsync()).Failure is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = keyRefused ? $"{SchemeName} error=\"invalid_token\"" : SchemeName;
        await WriteProblemAsync("Not authorised.", "Send a key as 'Authorization: Bearer <key>': an analyst key to write, "
            + "a reader key to read where reads are closed. Keys are configured under Monitor:Auth.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync("Forbidden.", "This key may read, not write: writing needs an analyst key (Monitor:Auth:AnalystKeys).");
    }

    private async Task WriteProblemAsync(string title, string detail) => await problems.TryWriteAsync(new ProblemDetailsContext
    {
        HttpContext = Context,
        ProblemDetails = { Title = title, Detail = detail, Status = Response.StatusCode },
    });
}
