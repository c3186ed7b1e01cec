using Monitor.Projections.Snapshots;
using static Monitor.Alerts.AlertEvent;

namespace Monitor.Alerts;

/// <summary>Every alert raised, in the order raised, with each recipient's delivery outcome: the delivery ledger.</summary>
public sealed class AlertBook
{
    private readonly List<RaisedAlert> _inOrder = [];
    private readonly Dictionary<Guid, RaisedAlert> _byId = [];
    private readonly HashSet<(Guid Alert, Guid Subscription)> _pending = [];
    private readonly Dictionary<(Guid Alert, Guid Subscription), DeliveryClaim> _claims = [];

    public RaisedAlert? Find(Guid id) => _byId.GetValueOrDefault(id);

    public bool IsRaised(Guid id) => _byId.ContainsKey(id);

    /// <summary>Where the latest alert was raised in the log (0: none yet).</summary>
    public long LastPosition => _inOrder.Count > 0 ? _inOrder[^1].Position : 0;

    /// <summary>Deliveries neither made nor given up (pending or retrying): what is still owed to subscribers.</summary>
    public IReadOnlyCollection<(Guid Alert, Guid Subscription)> Pending => _pending;

    /// <summary>The latest claim on a delivery (none: no attempt was claimed yet).</summary>
    public DeliveryClaim? ClaimOf(Guid alertId, Guid subscriptionId) => _claims.GetValueOrDefault((alertId, subscriptionId));

    /// <summary>Newest first.</summary>
    public IEnumerable<RaisedAlert> Latest => Enumerable.Range(0, _inOrder.Count).Select(i => _inOrder[^(i + 1)]);

    /// <summary>Alerts raised after log position <paramref name="position"/>, oldest first (for a stream that resumes).</summary>
    public IEnumerable<RaisedAlert> After(long position)
    {
        var index = _inOrder.FindLastIndex(a => a.Position <= position) + 1;
        return _inOrder.Skip(index);
    }

    public void Apply(AlertEvent e, long position, DateTimeOffset at)
    {
        switch (e)
        {
            case AlertRaised raised when !_byId.ContainsKey(raised.AlertId):
                var alert = new RaisedAlert(raised.Alert, raised.RaisedAt, position,
                    raised.Recipients.ToDictionary(r => r, _ => DeliveryState.Pending));
                _inOrder.Add(alert);
                _byId[alert.Alert.Id] = alert;
                foreach (var recipient in raised.Recipients) _pending.Add((alert.Alert.Id, recipient));
                break;
            case AlertDeliveryClaimed claimed when _pending.Contains((claimed.AlertId, claimed.SubscriptionId)):
                var before = _claims.GetValueOrDefault((claimed.AlertId, claimed.SubscriptionId));
                _claims[(claimed.AlertId, claimed.SubscriptionId)] = new DeliveryClaim((before?.Count ?? 0) + 1, claimed.Attempt, claimed.Until);
                break;
            case AlertDelivered delivered:
                Conclude(delivered.AlertId, delivered.SubscriptionId, new DeliveryState(DeliveryOutcome.Delivered, delivered.Attempts, at, null));
                break;
            case AlertDeliveryAttemptFailed attempt when _pending.Contains((attempt.AlertId, attempt.SubscriptionId)):
                _byId[attempt.AlertId].Deliveries[attempt.SubscriptionId] =
                    new DeliveryState(DeliveryOutcome.Retrying, attempt.Attempts, at, attempt.Error, attempt.NextAttemptAt);
                break;
            case AlertDeliveryFailed failed:
                Conclude(failed.AlertId, failed.SubscriptionId, new DeliveryState(DeliveryOutcome.Failed, failed.Attempts, at, failed.Error));
                break;
        }
    }

    /// <summary>Writes every alert (as the event that raised it) with each delivery's state, and the claims still held.</summary>
    public void Save(SnapshotWriter to)
    {
        to.Write(_inOrder.Count);
        foreach (var (alert, raisedAt, position, deliveries) in _inOrder)
        {
            to.Write(AlertCodec.Encode(new AlertRaised(alert, [.. deliveries.Keys], raisedAt)));
            to.Write(position);
            foreach (var (subscription, state) in deliveries)
            {
                to.Write((byte)state.Outcome);
                to.Write(state.Attempts);
                to.Write(state.At);
                to.Write(state.Error);
                to.Write(state.NextAttemptAt);
                to.Write(_pending.Contains((alert.Id, subscription)));
            }
        }
        to.Write(_claims.Count);
        foreach (var ((alert, subscription), claim) in _claims)
        {
            to.Write(alert);
            to.Write(subscription);
            to.Write(claim.Count);
            to.Write(claim.Attempt);
            to.Write(claim.Until);
        }
    }

    public static AlertBook Load(SnapshotReader from)
    {
        var book = new AlertBook();
        var count = from.Count();
        for (var i = 0; i < count; i++)
        {
            if (AlertCodec.Decode(from.Stored(AlertStreams.Of(Guid.Empty))) is not AlertRaised raised)
                throw new InvalidDataException("An alert is not stored as one raised.");
            var alert = new RaisedAlert(raised.Alert, raised.RaisedAt, from.Long(), []);
            foreach (var subscription in raised.Recipients)
            {
                var outcome = (DeliveryOutcome)from.Byte();
                alert.Deliveries[subscription] = new DeliveryState(outcome, from.Int(), from.MaybeInstant(), from.Text(), from.MaybeInstant());
                if (from.Bool()) book._pending.Add((alert.Alert.Id, subscription));
            }
            book._inOrder.Add(alert);
            book._byId[alert.Alert.Id] = alert;
        }
        var claims = from.Count();
        for (var i = 0; i < claims; i++) book._claims[(from.Guid(), from.Guid())] = new DeliveryClaim(from.Int(), from.Int(), from.Instant());
        return book;
    }

    private void Conclude(Guid alertId, Guid subscriptionId, DeliveryState state)
    {
        // The first outcome stands: a delivery concluded twice (two nodes racing) keeps what was recorded first.
        if (!_pending.Remove((alertId, subscriptionId))) return;
        _claims.Remove((alertId, subscriptionId)); // nothing more will be claimed
        _byId[alertId].Deliveries[subscriptionId] = state;
    }
}

/// <param name="Count">Claims in the delivery's stream: the next claim expects the revision after them.</param>
/// <param name="Attempt">The attempt claimed last, held until <paramref name="Until"/>.</param>
public sealed record DeliveryClaim(int Count, int Attempt, DateTimeOffset Until);

/// <param name="Position">Where the alert was raised in the log: its order, and the id of its server-sent event.</param>
public sealed record RaisedAlert(Alert Alert, DateTimeOffset RaisedAt, long Position, Dictionary<Guid, DeliveryState> Deliveries);

public enum DeliveryOutcome
{
    Pending,

    /// <summary>Still owed: an attempt failed and the next is scheduled.</summary>
    Retrying,
    Delivered,
    Failed,
}

/// <param name="NextAttemptAt">While retrying: when the next attempt is due (after a restart, owed deliveries are tried at once).</param>
public sealed record DeliveryState(DeliveryOutcome Outcome, int Attempts, DateTimeOffset? At, string? Error, DateTimeOffset? NextAttemptAt = null)
{
    public static readonly DeliveryState Pending = new(DeliveryOutcome.Pending, 0, null, null);
}
