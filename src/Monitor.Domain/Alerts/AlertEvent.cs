namespace Monitor.Alerts;

/// <summary>
/// What an alert's own stream stores: that it was raised (with whom it is for), then one outcome per
/// recipient. Together they are the durable delivery ledger: whatever is raised and not concluded is
/// still to be delivered, after any restart.
/// </summary>
public abstract record AlertEvent
{
    private AlertEvent() { }

    public abstract Guid AlertId { get; }

    /// <summary>The alert, for the subscriptions in force before its cause, raised at <paramref name="RaisedAt"/>.</summary>
    public sealed record AlertRaised(Alert Alert, IReadOnlyList<Guid> Recipients, DateTimeOffset RaisedAt) : AlertEvent
    {
        public override Guid AlertId => Alert.Id;
    }

    public sealed record AlertDelivered(Guid AlertId, Guid SubscriptionId, int Attempts) : AlertEvent
    {
        public override Guid AlertId { get; } = AlertId;
    }

    /// <summary>
    /// A server is about to make attempt <paramref name="Attempt"/> and holds the delivery until <paramref name="Until"/>
    /// (longer than a send may take). Stored in the delivery's own stream, each attempt at the next revision, so two
    /// servers claiming the same attempt cannot both succeed; a claim left by a server that died expires.
    /// </summary>
    public sealed record AlertDeliveryClaimed(Guid AlertId, Guid SubscriptionId, int Attempt, DateTimeOffset Until) : AlertEvent
    {
        public override Guid AlertId { get; } = AlertId;
    }

    /// <summary>
    /// One attempt failed and another will follow: recorded at once, so whoever looks sees the delivery being
    /// retried, how many attempts it took so far, why the last one failed (a code or category, as below) and
    /// when the next is due (absent in events recorded before it was kept).
    /// </summary>
    public sealed record AlertDeliveryAttemptFailed(Guid AlertId, Guid SubscriptionId, int Attempts, string Error, DateTimeOffset? NextAttemptAt = null)
        : AlertEvent
    {
        public override Guid AlertId { get; } = AlertId;
    }

    /// <summary>
    /// Given up: every attempt failed, or the subscription ended first. <paramref name="Error"/> is the last
    /// attempt's status code or category (http-500, timeout); older events may hold a sentence instead.
    /// </summary>
    public sealed record AlertDeliveryFailed(Guid AlertId, Guid SubscriptionId, int Attempts, string Error) : AlertEvent
    {
        public override Guid AlertId { get; } = AlertId;
    }
}
