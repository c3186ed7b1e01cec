using Monitor.EventStore;
using Monitor.Projections;

namespace Monitor.Alerts.Detection;

/// <summary>
/// Follows the status changes the read models derive from the log (in log order, from its own cursor)
/// and raises an alert for each. The cursor only saves work: what is already raised is skipped anyway.
/// </summary>
public sealed class ChangeDetection(IEventStore store, ReadModel model, AlertRaiser raiser)
{
    private int _cursor;

    /// <summary>Runs one pass; the jobs that call it never run two at once.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await model.WaitForAsync(await store.HeadPositionAsync(ct), ct);
        var (alerts, seen) = model.Read(m => (m.Changes.Skip(_cursor).Select(c => new AlertToRaise(c.ToAlert(), c.Position)).ToList(), m.Changes.Count));
        await raiser.RaiseAsync(alerts, ct);
        _cursor = seen;
    }
}
