using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Hosting;
using Monitor.Projections;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Sends deliveries to the bus: each newly raised alert's, by the server that raised it (the only one whose append
/// succeeded); the first time after a start, everything the log shows as owed; afterwards, owed deliveries abandoned
/// for longer than a claim holds (their server died between raising and sending, or during an attempt). A delivery
/// sent twice is attempted once at a time: the consumer claims each attempt (<see cref="DeliveryClaims"/>).
/// </summary>
public sealed class DeliveryDispatcher(ReadModel model, IBus bus, TimeProvider clock, IOptions<MonitorOptions> options)
{
    private int _started;

    public async Task DispatchAsync(IReadOnlyList<Guid> newlyRaised, CancellationToken ct)
    {
        foreach (var id in newlyRaised) await bus.Publish(new AlertWasRaised(id), ct);
        var everything = Interlocked.Exchange(ref _started, 1) == 0;
        var (now, raised) = (clock.GetUtcNow(), newlyRaised.ToHashSet());
        var hold = DeliveryClaims.HoldFor(Max(options.Value.Alerts.Delivery.WebhookTimeout, options.Value.Smtp.Timeout));
        var due = model.Read(m => m.Alerts.Pending.Where(d => everything || raised.Contains(d.Alert) || QuietSince(m.Alerts, d) + hold < now).ToList());
        foreach (var (alert, subscription) in due) await bus.Publish(new DeliverAlert(alert, subscription), ct);
    }

    /// <summary>The last sign of life: raised, an attempt recorded or due, a claim's end.</summary>
    private static DateTimeOffset QuietSince(AlertBook book, (Guid Alert, Guid Subscription) d)
    {
        var alert = book.Find(d.Alert)!;
        var state = alert.Deliveries[d.Subscription];
        DateTimeOffset?[] signs = [alert.Alert.RaisedAt, state.At, state.NextAttemptAt, book.ClaimOf(d.Alert, d.Subscription)?.Until];
        return signs.Max() ?? DateTimeOffset.MinValue;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
