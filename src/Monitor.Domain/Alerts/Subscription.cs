namespace Monitor.Alerts;

/// <summary>
/// Who wants which alerts, and where to send them: a webhook or an e-mail address (exactly one).
/// The secret signs webhook bodies; it is stored in the log and never shown again.
/// </summary>
public sealed record Subscription(
    Guid Id,
    IReadOnlyList<string> Channels,
    IReadOnlyList<AlertKind> Kinds,
    Webhook? Webhook,
    string? Email)
{
    /// <summary>Whether this subscriber asked for an alert of <paramref name="kind"/> about <paramref name="channel"/> (null: about every channel).</summary>
    public bool Wants(AlertKind kind, string? channel) =>
        Kinds.Contains(kind) && (channel is null || Channels.Contains(channel));
}

public sealed record Webhook(string Url, string Secret);

/// <summary>What the subscriptions stream stores. Closed, like the ledger.</summary>
public abstract record SubscriptionEvent
{
    private SubscriptionEvent() { }

    public abstract Guid SubscriptionId { get; }

    public sealed record SubscriptionStarted(Subscription Subscription) : SubscriptionEvent
    {
        public override Guid SubscriptionId => Subscription.Id;
    }

    public sealed record SubscriptionEnded(Guid SubscriptionId) : SubscriptionEvent
    {
        public override Guid SubscriptionId { get; } = SubscriptionId;
    }
}
