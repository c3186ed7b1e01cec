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
        var due = model.Read(m => alerts.Where(a => !m.Alerts.IsRaised(a.Alert.Id))
            .Select(a => new AlertRaised(a.Alert, m.Subscriptions.Wanting(a.Alert.Kind, a.Alert.OnChannel, a.CausedAt), clock.GetUtcNow()))
            .ToList());
        // All at once, so the store commits a burst's alerts together (one fsync) rather than one after another.
        var appending = due.Select(e => AppendAsync(e, ct)).ToArray();
        Exception? failed = null;
        try
        {
            await Task.WhenAll(appending);
        }
        catch (Exception error)
        {
            failed = error; // after the others are handed over: the next run skips them as raised, and would not send them
        }
        var raised = due.Zip(appending).Where(pair => pair.Second.IsCompletedSuccessfully && pair.Second.Result is not null)
            .Select(pair => (pair.First.Alert.Id, Position: pair.Second.Result!.Value)).ToList();
        if (raised.Count > 0) await model.WaitForAsync(raised.Max(r => r.Position), ct);
        await dispatcher.DispatchAsync([.. raised.Select(r => r.Id)], ct);
        if (failed is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
    }

    /// <returns>The alert's log position; null when it was raised already, by another run or node.</returns>
    private async Task<long?> AppendAsync(AlertRaised e, CancellationToken ct)
    {
        var alert = e.Alert;
        try
        {
            var position = (await store.AppendAsync(AlertStreams.Of(alert.Id), ExpectedRevision.NoStream, [AlertCodec.Encode(e)], ct)).Position;
            metrics.AlertsRaised.WithLabels(WireName.Of(alert.Kind)).Inc();
            log.LogInformation("Raised {AlertKind} alert {AlertId} on {Channel} for {Recipients} subscriber(s)",
                alert.Kind, alert.Id, alert.OnChannel ?? "every channel", e.Recipients.Count);
            return position;
        }
        catch (WrongExpectedRevisionException)
        {
            return null;
        }
    }
}

/// <param name="CausedAt">The log position of the event that caused it; null for alerts the clock raises.</param>
public sealed record AlertToRaise(Alert Alert, long? CausedAt = null);
