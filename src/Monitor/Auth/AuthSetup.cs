using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Monitor.Hosting;
using Monitor.Http;

namespace Monitor.Auth;

/// <summary>Bearer keys with ASP.NET Core's authentication and authorization policies; the rate limiter, for refused keys and for reads taking turns.</summary>
public static class AuthSetup
{
    public static IServiceCollection AddMonitorAuth(this IServiceCollection services, AuthOptions auth, int concurrentReads)
    {
        services.AddSingleton<IValidateOptions<MonitorOptions>, KeySettings>();
        services.AddOptions<MonitorOptions>().ValidateOnStart();
        services.AddSingleton<KeyRing>();
        // The core alone: AddAuthentication also brings data protection, whose key ring (for cookies this server never
        // issues) was written under the user's ~/.aspnet on a first start and read on every start (30 ms of it here).
        services.AddAuthenticationCore(options => options.DefaultScheme = BearerKeyHandler.SchemeName);
        services.AddWebEncoders();
        new AuthenticationBuilder(services).AddScheme<AuthenticationSchemeOptions, BearerKeyHandler>(BearerKeyHandler.SchemeName, null);
        var readsOpen = auth.ReaderKeys.Count == 0;
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Analyst, policy => policy.RequireRole(Roles.Analyst))
            .AddPolicy(Roles.Reader, policy => policy.RequireAssertion(context => readsOpen || context.User.IsInRole(Roles.Reader)));
        services.AddRateLimiter(limiter =>
        {
            FailedAuthenticationLimit.Configure(limiter, auth.FailedAttemptsPerMinute);
            ReadAdmission.Configure(limiter, concurrentReads);
        });
        return services;
    }

    /// <summary>Authentication first, so the limiter knows which requests sent a key that was refused.</summary>
    public static void UseMonitorAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
    }
}
