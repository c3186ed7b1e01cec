namespace Monitor.Alerts;

/// <summary>A subscription as a client sends it: unchecked, turned into a <see cref="Subscription"/> by <see cref="SubscriptionValidation"/>.</summary>
public sealed record SubscriptionDraft(
    IReadOnlyList<string>? Channels,
    IReadOnlyList<string>? Kinds,
    WebhookDraft? Webhook,
    string? Email);

public sealed record WebhookDraft(string? Url, string? Secret);
