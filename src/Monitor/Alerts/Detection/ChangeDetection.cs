using Monitor.EventStore;
using Monitor.Projections;
using Monitor.Status;

namespace Monitor.Alerts.Detection;

/// <summary>
/// Alert detection's subscription to the channels' status changes: from its checkpoint (<see cref="DetectionCheckpoint"/>),
/// it applies the alert rules to each change and raises what they call for, then saves how far it got. The checkpoint
/// is saved only once the alerts are durable; a save lost to a crash costs only work done again, since an alert's id
/// comes from its cause and one raised already is skipped.
/// </summary>
public sealed class ChangeDetection(IEventStore store, DetectionCheckpoint checkpoint, ReadModel model, AlertRaiser raiser)
{
    /// <summary>Runs one pass; the jobs that call it never run two at once, on any server.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var head = await store.HeadPositionAsync(ct);
        await model.WaitForAsync(head, ct);
        var handled = await checkpoint.ReadAsync(ct);
        // Under the read lock: an event's changes (one per channel it moves) are added one by one while it is applied,
        // and reading between them would save the checkpoint past the rest.
        var changes = model.Read(m => m.Changes.After(handled));
        if (changes.Count == 0) return;
        await raiser.RaiseAsync([.. changes.Select(Alert).OfType<AlertToRaise>()], ct);
        // The read models had reached head: every change up to it was in the feed, and is handled now.
        await checkpoint.SaveAsync(Math.Max(head, changes[^1].Position), ct);
    }

    /// <summary>The alert a change calls for, by the rules; its id derives from the causing event, so it is the same on every run.</summary>
    private static AlertToRaise? Alert(StatusChange c)
    {
        Guid Id(AlertKind kind) => AlertId.For(kind, c.Channel, c.EventId);
        Alert? alert = AlertRules.ForChange(c.From, c.To, c.PastRewritten) switch
        {
            AlertKind.StatusChanged =>
                new Alert.StatusChanged(Id(AlertKind.StatusChanged), c.Channel, c.From, c.To, c.Retroactive, c.Development),
            AlertKind.HistoryRevised => new Alert.HistoryRevised(Id(AlertKind.HistoryRevised), c.Channel, c.To, c.Development),
            _ => null,
        };
        return alert is null ? null : new AlertToRaise(alert, c.Position);
    }
}
