using Monitor.EventStore;
using Monitor.Projections;
using Monitor.Status;

namespace Monitor.Alerts.Detection;

/// <summary>
/// Alert detection's subscription to the channels' status changes: from its own checkpoint (a log position), it
/// applies the alert rules to each change and raises what they call for, then lets the handled changes go.
/// The checkpoint only saves work: an alert's id comes from its cause, so one raised already is skipped anyway, and
/// after a restart detection starts again from the beginning of what the rebuilt read models report.
/// </summary>
public sealed class ChangeDetection(IEventStore store, ReadModel model, AlertRaiser raiser)
{
    private long _checkpoint;

    /// <summary>Runs one pass; the jobs that call it never run two at once.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await model.WaitForAsync(await store.HeadPositionAsync(ct), ct);
        var changes = model.Changes.After(_checkpoint);
        if (changes.Count == 0) return;
        await raiser.RaiseAsync([.. changes.Select(Alert).OfType<AlertToRaise>()], ct);
        _checkpoint = changes[^1].Position;
        model.Changes.Handled(_checkpoint);
    }

    /// <summary>
    /// Lets go the changes whose alert any server has raised already, or that call for none. With a clustered scheduler
    /// the detection runs land on one server or another, and a server whose runs went elsewhere would otherwise keep
    /// every change its read models reported; every server calls this as the log grows.
    /// </summary>
    public static void ForgetRaised(ReadModel model)
    {
        var pending = model.Changes.After(0);
        if (pending.Count == 0) return;
        var done = model.Read(m => pending.Where(c => Alert(c) is not { } due || m.Alerts.IsRaised(due.Alert.Id)).ToHashSet());
        model.Changes.Forget(done);
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
