using Monitor.Auth;
using Monitor.EventStore;
using Monitor.Projections;
using Prometheus;

namespace Monitor.Metrics;

public static class MetricsSetup
{
    /// <summary>
    /// GET /metrics: Prometheus text, read like the API (open unless reader keys are configured), and answered while
    /// the read models catch up after a start too: the lag is what to watch then.
    /// </summary>
    public static void MapMonitorMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<MonitorMetrics>();
        StateGauges.Register(metrics, app.Services.GetRequiredService<ReadModel>(),
            app.Services.GetRequiredService<IEventStore>(), app.Services.GetRequiredService<TimeProvider>());
        app.MapMetrics("/metrics", metrics.Registry).RequireAuthorization(Roles.Reader)
            .WithTags("For other tools").WithSummary("Prometheus metrics: each channel's status, appends, deliveries, projection lag.");
    }
}
