using Monitor.Alerts;
using Monitor.Projections.Snapshots;
using static Monitor.Alerts.SubscriptionEvent;

namespace Monitor.Subscriptions;

/// <summary>The subscriptions in force, from the subscriptions stream.</summary>
public sealed class SubscriptionBook : IKnownSubscriptions
{
    private readonly Dictionary<Guid, (Subscription Subscription, long Position)> _active = [];

    /// <summary>The subscriptions stream's revision (-1: none yet), to append after it.</summary>
    public long Revision { get; private set; } = -1;

    public IEnumerable<Subscription> Active => _active.Values.Select(a => a.Subscription);

    public Subscription? Find(Guid id) => _active.TryGetValue(id, out var active) ? active.Subscription : null;

    public bool IsInForce(Guid id) => _active.ContainsKey(id);

    /// <summary>
    /// Who is to receive an alert of <paramref name="kind"/> about <paramref name="channel"/> (null: every channel).
    /// An alert caused at a log position goes to those who subscribed before it: a new subscriber is told of
    /// changes from then on, not of history that detection happens to reach after it subscribed.
    /// </summary>
    public IReadOnlyList<Guid> Wanting(AlertKind kind, string? channel, long? causedAt) =>
        _active.Values.Where(a => a.Subscription.Wants(kind, channel) && (causedAt is null || a.Position < causedAt))
            .Select(a => a.Subscription.Id).Order().ToList();

    /// <summary>Writes the subscriptions in force, each as the event that started it, where it was logged.</summary>
    public void Save(SnapshotWriter to)
    {
        to.Write(Revision);
        to.Write(_active.Count);
        foreach (var (subscription, position) in _active.Values)
        {
            to.Write(SubscriptionCodec.Encode(new SubscriptionStarted(subscription)));
            to.Write(position);
        }
    }

    public static SubscriptionBook Load(SnapshotReader from)
    {
        var book = new SubscriptionBook { Revision = from.Long() };
        var count = from.Count();
        for (var i = 0; i < count; i++)
        {
            if (SubscriptionCodec.Decode(from.Stored(AlertStreams.Subscriptions)) is not SubscriptionStarted { Subscription: var subscription })
                throw new InvalidDataException("A subscription in force is not stored as one started.");
            book._active[subscription.Id] = (subscription, from.Long());
        }
        return book;
    }

    public void Apply(SubscriptionEvent e, long revision, long position)
    {
        switch (e)
        {
            case SubscriptionStarted started:
                _active[started.SubscriptionId] = (started.Subscription, position);
                break;
            case SubscriptionEnded ended:
                _active.Remove(ended.SubscriptionId);
                break;
        }
        Revision = revision;
    }
}
