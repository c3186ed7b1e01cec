using Monitor.Channels;
using Monitor.Recording;

namespace Monitor.Alerts;

/// <summary>What the subscriptions' decisions need to know of those already made.</summary>
public interface IKnownSubscriptions
{
    bool IsInForce(Guid id);
}

public abstract record SubscriptionDecision
{
    private SubscriptionDecision() { }
    public sealed record Accepted(SubscriptionEvent Event) : SubscriptionDecision;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : SubscriptionDecision;
    public sealed record NotFound(Guid Id) : SubscriptionDecision;
}

/// <summary>The subscriptions' commands, beside the ledger's: each decides, from what is known, which event (if any) to append.</summary>
public static class SubscriptionDecider
{
    public static SubscriptionDecision Start(Guid newId, SubscriptionDraft draft, ChannelCatalog catalog, WebhookTargets targets)
    {
        var (subscription, errors) = SubscriptionValidation.Validate(newId, draft, catalog, targets);
        return subscription is null
            ? new SubscriptionDecision.Invalid(errors)
            : new SubscriptionDecision.Accepted(new SubscriptionEvent.SubscriptionStarted(subscription));
    }

    public static SubscriptionDecision End(Guid id, IKnownSubscriptions known) =>
        known.IsInForce(id)
            ? new SubscriptionDecision.Accepted(new SubscriptionEvent.SubscriptionEnded(id))
            : new SubscriptionDecision.NotFound(id);
}
