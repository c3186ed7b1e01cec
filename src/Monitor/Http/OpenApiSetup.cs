using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Monitor.Http;

/// <summary>
/// GET /openapi/v1.json, the OpenAPI document ASP.NET Core derives from the mapped routes, and /api-reference,
/// Scalar's browsable reference of it, whose script the program serves itself (no CDN: networks are often closed).
/// </summary>
public static class OpenApiSetup
{
    public const string KeyScheme = "analystKey";

    public static IServiceCollection AddMonitorOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Monitor",
                Version = "v1",
                Description = "The state of US–China military communication channels, replayable to any date (asOf), as recorded "
                    + "at any instant (knownAt) and as reported by any day (reportedBy). Reads need no key unless reader keys are "
                    + "configured; writes need an analyst key sent as `Authorization: Bearer <key>`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[KeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An analyst key (Monitor:Auth:AnalystKeys) to write; a reader key to read when reader keys are configured.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, document)] = [] }];
            return Task.CompletedTask;
        }));

    public static void MapMonitorOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api-reference", scalar =>
        {
            scalar.WithTitle("Monitor API").WithOpenApiRoutePattern("/openapi/{documentName}.json");
            // Nothing that calls Scalar's own services: users' networks are often closed, and the reference needs none.
            scalar.Agent = new ScalarAgentOptions { Disabled = true };
            scalar.Mcp = new ScalarMcpOptions { Disabled = true };
            scalar.Telemetry = false;
            scalar.ShowDeveloperTools = DeveloperToolsVisibility.Never;
        });
    }
}
