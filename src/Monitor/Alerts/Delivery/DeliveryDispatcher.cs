using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Hosting;
using Monitor.Projections;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Sends deliveries to the bus: each newly raised alert's, by the server that raised it (the only one whose append
/// succeeded); the first time after a start, everything the log shows as owed; afterwards, owed deliveries this server
/// has seen make no progress (no claim, no attempt) for longer than a claim holds, once any retry is due: their server
/// died between raising and sending, or during an attempt. A delivery sent twice is attempted once at a time: the
/// consumer claims each attempt (<see cref="DeliveryClaims"/>).
/// </summary>
public sealed class DeliveryDispatcher(ReadModel model, IBus bus, TimeProvider clock, IOptions<MonitorOptions> options)
{
    private readonly Lock _gate = new();

    /// <summary>Per owed delivery: its progress (claims and attempts) and when this server first saw it so, in elapsed time.</summary>
    private readonly Dictionary<(Guid Alert, Guid Subscription), (int Progress, long Since)> _seen = [];
    private int _started;

    public async Task DispatchAsync(IReadOnlyList<Guid> newlyRaised, CancellationToken ct)
    {
        var everything = Interlocked.Exchange(ref _started, 1) == 0;
        var raised = newlyRaised.ToHashSet();
        var owed = model.Read(m => m.Alerts.Pending.Select(d => (Delivery: d, Progress: Progress(m.Alerts, d),
            m.Alerts.Find(d.Alert)!.Deliveries[d.Subscription].NextAttemptAt)).ToList());
        var abandoned = Abandoned(owed);
        var due = owed.Select(o => o.Delivery).Where(d => everything || raised.Contains(d.Alert) || abandoned.Contains(d));
        foreach (var (alert, subscription) in due)
            await bus.Publish(new DeliverAlert(alert, subscription), ct);
        // After the deliveries: a broadcast that cannot be published must not hold them up until the next sweep.
        foreach (var id in newlyRaised) await bus.Publish(new AlertWasRaised(id), ct);
    }

    private HashSet<(Guid, Guid)> Abandoned(List<((Guid, Guid) Delivery, int Progress, DateTimeOffset? NextAttemptAt)> owed)
    {
        var hold = DeliveryClaims.HoldFor(Max(options.Value.Alerts.Delivery.WebhookTimeout, options.Value.Smtp.Timeout));
        var (now, today) = (Stopwatch.GetTimestamp(), clock.GetUtcNow());
        lock (_gate)
        {
            foreach (var gone in _seen.Keys.Except(owed.Select(o => o.Delivery)).ToList()) _seen.Remove(gone);
            var abandoned = new HashSet<(Guid, Guid)>();
            foreach (var (delivery, progress, next) in owed)
            {
                if (!_seen.TryGetValue(delivery, out var seen) || seen.Progress != progress) _seen[delivery] = (progress, now);
                else if (Stopwatch.GetElapsedTime(seen.Since, now) > hold && !(next > today)) abandoned.Add(delivery);
            }
            return abandoned;
        }
    }

    private static int Progress(AlertBook book, (Guid Alert, Guid Subscription) d) =>
        book.Find(d.Alert)!.Deliveries[d.Subscription].Attempts + (book.ClaimOf(d.Alert, d.Subscription)?.Count ?? 0);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
