using Monitor.EventStore;
using Monitor.Hosting;
using Monitor.Projections;
using Monitor.Status;
using Prometheus;

namespace Monitor.Metrics;

/// <summary>
/// Gauges read from the read models and the log when /metrics is scraped, so they agree with the API at that
/// moment: each channel's status (as Prometheus does states: 1 for the current one, 0 for the others), the
/// developments, and how far the read models trail the log.
/// </summary>
public static class StateGauges
{
    public static void Register(MonitorMetrics metrics, ReadModel model, IEventStore store, TimeProvider clock)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(metrics.Registry);
        var status = factory.CreateGauge("monitor_channel_status", "1 for the status each channel is in today, 0 for its other statuses.",
            "channel", "status");
        var developments = factory.CreateGauge("monitor_developments", "Developments recorded, by state (live, retracted).", "state");
        var head = factory.CreateGauge("monitor_log_head_position", "The position of the last event in the log.");
        var applied = factory.CreateGauge("monitor_read_model_position", "The log position the read models reflect.");
        var lag = factory.CreateGauge("monitor_projection_lag_events", "Events in the log the read models have not applied yet.");
        var statuses = Enum.GetValues<ChannelStatus>();

        metrics.Registry.AddBeforeCollectCallback(async ct =>
        {
            var today = new Moment(clock.Today(), null, null);
            var (now, checkpoint, live, total) = model.Read(m => (
                m.Board.Catalog.All.Select(c => (c.Id, m.Status(c, today).Status)).ToList(),
                m.Checkpoint,
                m.Developments.LiveCount,
                m.Developments.Count));
            foreach (var (channel, current) in now)
            {
                foreach (var each in statuses) status.WithLabels(channel, WireName.Of(each)).Set(each == current ? 1 : 0);
            }
            developments.WithLabels("live").Set(live);
            developments.WithLabels("retracted").Set(total - live);
            var end = await store.HeadPositionAsync(ct);
            head.Set(end);
            applied.Set(checkpoint);
            lag.Set(Math.Max(0, end - checkpoint));
        });
    }
}
