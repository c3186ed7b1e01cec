using Monitor.Alerts;
using Prometheus;

namespace Monitor.Metrics;

/// <summary>
/// What GET /metrics exports, in one registry per server (not prometheus-net's process-wide one, so servers in
/// one process, as in the tests, keep their own figures). The counters here count what this process did;
/// <see cref="StateGauges"/> adds what the read models say when scraped.
/// </summary>
public sealed class MonitorMetrics
{
    public MonitorMetrics()
    {
        var metrics = Prometheus.Metrics.WithCustomRegistry(Registry);
        Appends = metrics.CreateCounter("monitor_appends_total",
            "Events this process appended to the log, by kind of stream (ledger, alert, subscriptions).", "stream");
        Deliveries = metrics.CreateCounter("monitor_alert_deliveries_total",
            "Alert delivery attempts by this process, by outcome: delivered, retrying (an attempt failed; another follows) or failed (given up).",
            "outcome");
        AlertsRaised = metrics.CreateCounter("monitor_alerts_raised_total", "Alerts this process raised, by kind.", "kind");
        // Every series exists from the start at 0, so a dashboard's rate() has a beginning and a query finds the name.
        foreach (var stream in new[] { "ledger", "subscriptions", "alert" }) Appends.WithLabels(stream);
        foreach (var outcome in new[] { "delivered", "retrying", "failed" }) Deliveries.WithLabels(outcome);
        foreach (var kind in WireName.All<AlertKind>()) AlertsRaised.WithLabels(kind);
    }

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public Counter Appends { get; }

    public Counter Deliveries { get; }

    public Counter AlertsRaised { get; }
}
