using System.Collections.Concurrent;
using MassTransit;
using Monitor.Projections;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Sends every delivery the ledger says is owed to the bus, once while it is in flight. After a restart
/// nothing is in flight, so whatever the log shows as neither delivered nor given up is sent again.
/// </summary>
public sealed class DeliveryDispatcher(ReadModel model, IBus bus)
{
    private readonly ConcurrentDictionary<(Guid Alert, Guid Subscription), byte> _inFlight = new();

    public async Task DispatchAsync(IReadOnlyList<Guid> newlyRaised, CancellationToken ct)
    {
        foreach (var id in newlyRaised) await bus.Publish(new AlertWasRaised(id), ct);
        var owed = model.Read(m => m.Alerts.Pending.Select(d => (Delivery: d, m.Alerts.Find(d.Alert)!.Deliveries[d.Subscription].Attempts)).ToList());
        foreach (var (delivery, attempted) in owed)
        {
            if (!_inFlight.TryAdd(delivery, 0)) continue;
            try
            {
                await bus.Publish(new DeliverAlert(delivery.Alert, delivery.Subscription, attempted), ct);
            }
            catch
            {
                _inFlight.TryRemove(delivery, out _); // not sent: the next dispatch tries again
                throw;
            }
        }
    }

    /// <summary>The delivery is concluded, or abandoned by the bus: a later dispatch may send it again if still owed.</summary>
    public void Release(Guid alertId, Guid subscriptionId) => _inFlight.TryRemove((alertId, subscriptionId), out _);
}
