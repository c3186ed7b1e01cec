using Monitor.Alerts;
using static Monitor.Alerts.SubscriptionEvent;

namespace Monitor.Subscriptions;

/// <summary>The subscriptions in force, from the subscriptions stream.</summary>
public sealed class SubscriptionBook
{
    private readonly Dictionary<Guid, Subscription> _active = [];
    private readonly HashSet<Guid> _ended = [];

    /// <summary>The subscriptions stream's revision (-1: none yet), to append after it.</summary>
    public long Revision { get; private set; } = -1;

    public IEnumerable<Subscription> Active => _active.Values;

    public Subscription? Find(Guid id) => _active.GetValueOrDefault(id);

    public bool HasEnded(Guid id) => _ended.Contains(id);

    /// <summary>Who is to receive an alert of <paramref name="kind"/> about <paramref name="channel"/> (null: every channel).</summary>
    public IReadOnlyList<Guid> Wanting(AlertKind kind, string? channel) =>
        _active.Values.Where(s => s.Wants(kind, channel)).Select(s => s.Id).Order().ToList();

    public void Apply(SubscriptionEvent e, long revision)
    {
        switch (e)
        {
            case SubscriptionStarted started:
                _active[started.SubscriptionId] = started.Subscription;
                break;
            case SubscriptionEnded ended when _active.Remove(ended.SubscriptionId):
                _ended.Add(ended.SubscriptionId);
                break;
        }
        Revision = revision;
    }
}
