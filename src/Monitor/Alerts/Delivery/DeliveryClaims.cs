using Monitor.EventStore;
using Monitor.Projections;
using static Monitor.Alerts.AlertEvent;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Makes each attempt one server's: before sending, the consumer appends a claim to the delivery's own stream, expecting
/// the revision after the claims it has seen. Two servers consuming the same delivery (a message published twice, by a
/// restart or by the sweep for abandoned deliveries) cannot both succeed; the loser sees the winner's claim and leaves it.
/// </summary>
/// <remarks>
/// Claims hold for a span of real time, on the wall clock the servers share (as Quartz's triggers do), not on the
/// monitor's clock, which tests move by days: a send takes seconds, whatever day the monitor thinks it is.
/// </remarks>
public sealed class DeliveryClaims(IEventStore store, ReadModel model, DeliveryRetries retries)
{
    /// <summary>How long a claim holds: twice what a send may take, and time to record its outcome.</summary>
    public static TimeSpan HoldFor(TimeSpan sendTimeout) => sendTimeout * 2 + TimeSpan.FromSeconds(5);

    /// <returns>The attempt this server now holds; null when the delivery is no longer owed, or another server holds it
    /// (a look is then scheduled for when that claim expires, in case its server died).</returns>
    public async Task<int?> ClaimAsync(RaisedAlert alert, Guid subscriptionId, TimeSpan sendTimeout, CancellationToken ct)
    {
        var alertId = alert.Alert.Id;
        while (true)
        {
            var (owed, attempts, claim) = model.Read(m => (m.Alerts.Pending.Contains((alertId, subscriptionId)),
                alert.Deliveries[subscriptionId].Attempts, m.Alerts.ClaimOf(alertId, subscriptionId)));
            if (!owed) return null;
            var now = TimeProvider.System.GetUtcNow();
            if (claim is { } held && held.Attempt > attempts && held.Until > now)
            {
                await retries.ScheduleAsync(alertId, subscriptionId, held.Until - now, ct);
                return null;
            }
            var attempt = Math.Max(attempts, claim?.Attempt ?? 0) + 1;
            var expected = claim is null ? ExpectedRevision.NoStream : ExpectedRevision.At(claim.Count - 1);
            var e = new AlertDeliveryClaimed(alertId, subscriptionId, attempt, now + HoldFor(sendTimeout));
            try
            {
                await store.AppendAsync(AlertStreams.OfDelivery(alertId, subscriptionId), expected, [AlertCodec.Encode(e)], ct);
                return attempt;
            }
            catch (WrongExpectedRevisionException)
            {
                // Another server claimed first: once the read models show its claim, the loop above leaves the delivery to it.
                await model.WaitForAsync(await store.HeadPositionAsync(ct), ct);
            }
        }
    }
}
