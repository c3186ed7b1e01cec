using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.EventStore;
using Monitor.Json;
using Monitor.Projections;
using Quartz;

namespace Monitor.Health;

/// <summary>
/// GET /health with ASP.NET Core's health checks, one per dependency (store, read models, bus, scheduler): 200 and `"status": "ready"` once every check
/// passes; 503 otherwise, `"catching up"` while the read models replay the log after a start. Each check says how
/// it stands, so an operator (or a probe) sees which part is missing.
/// </summary>
public static class HealthSetup
{
    public const string Store = "event-store";
    public const string ReadModels = "read-models";

    /// <summary>Quartz's own check: the scheduler runs and, when clustered, keeps checking in to its tables.</summary>
    public const string Scheduler = "scheduler";

    public static IServiceCollection AddMonitorHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreCheck>(Store)
            .AddCheck<ReadModelsCheck>(ReadModels)
            .AddQuartz(quartz => quartz.Name = Scheduler);
        // MassTransit adds its own, "masstransit-bus": the bus has started and its endpoints are connected.
        return services;
    }

    public static void MapMonitorHealth(this WebApplication app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .WithTags("For other tools").WithSummary("200 once every part is ready (the store reachable, the read models caught up); 503 before.");

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var catchingUp = report.Entries.TryGetValue(ReadModels, out var models) && models.Status != HealthStatus.Healthy
            && report.Entries.Where(e => e.Key != ReadModels).All(e => e.Value.Status == HealthStatus.Healthy);
        var status = report.Status == HealthStatus.Healthy ? "ready" : catchingUp ? "catching up" : "unhealthy";
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status,
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description }),
        }, MonitorJson.Options);
    }

    /// <summary>The log answers: its end can be read.</summary>
    private sealed class StoreCheck(IEventStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                return HealthCheckResult.Healthy($"The log ends at position {await store.HeadPositionAsync(ct)}.");
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"The log cannot be read: {error.Message}");
            }
        }
    }

    /// <summary>The read models have applied the history present at start, and the projection has not stopped.</summary>
    private sealed class ReadModelsCheck(Projector projector, ReadModel model) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(projector.Damage is { } damage ? HealthCheckResult.Unhealthy(damage)
                : projector.IsReady ? HealthCheckResult.Healthy($"Caught up; at position {model.Checkpoint}.")
                : HealthCheckResult.Unhealthy($"Catching up with the log: at position {model.Checkpoint}."));
    }
}
