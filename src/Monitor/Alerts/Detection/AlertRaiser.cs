using Monitor.Alerts.Delivery;
using Monitor.EventStore;
using Monitor.Metrics;
using Monitor.Projections;
using static Monitor.Alerts.AlertEvent;

namespace Monitor.Alerts.Detection;

/// <summary>
/// Raises alerts: each in its own stream, appended only if that stream does not exist yet, so an alert
/// derived twice (a rerun, a restart, a second node) is raised once. Then hands what is owed to delivery.
/// </summary>
public sealed class AlertRaiser(
    IEventStore store, ReadModel model, DeliveryDispatcher dispatcher, TimeProvider clock, MonitorMetrics metrics, ILogger<AlertRaiser> log)
{
    public async Task RaiseAsync(IReadOnlyList<AlertToRaise> alerts, CancellationToken ct)
    {
        var raised = new List<Guid>();
        long last = 0;
        foreach (var (alert, causedAt) in alerts)
        {
            if (model.Read(m => m.Alerts.IsRaised(alert.Id))) continue;
            var recipients = model.Read(m => m.Subscriptions.Wanting(alert.Kind, alert.Channel, causedAt));
            var e = new AlertRaised(alert with { RaisedAt = clock.GetUtcNow() }, recipients);
            try
            {
                last = (await store.AppendAsync(AlertStreams.Of(alert.Id), ExpectedRevision.NoStream, [AlertStreams.AlertCodec.Encode(e)], ct)).Position;
                raised.Add(alert.Id);
                metrics.AlertsRaised.WithLabels(WireName.Of(alert.Kind)).Inc();
                log.LogInformation("Raised {AlertKind} alert {AlertId} on {Channel} for {Recipients} subscriber(s)",
                    alert.Kind, alert.Id, alert.Channel ?? "every channel", recipients.Count);
            }
            catch (WrongExpectedRevisionException)
            {
                // Raised already, by another run or node: nothing to do.
            }
        }
        if (raised.Count > 0) await model.WaitForAsync(last, ct);
        await dispatcher.DispatchAsync(raised, ct);
    }
}

/// <param name="CausedAt">The log position of the event that caused it; null for alerts the clock raises.</param>
public sealed record AlertToRaise(Alert Alert, long? CausedAt = null);
