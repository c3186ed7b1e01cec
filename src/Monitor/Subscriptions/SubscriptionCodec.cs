using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Alerts;
using Monitor.EventStore;
using static Monitor.Alerts.SubscriptionEvent;

namespace Monitor.Subscriptions;

/// <summary>
/// The subscriptions stream's events to and from their stored contract: names fixed here by attribute, apart from the
/// domain records and the API's views, so renaming either never changes what stored history means.
/// </summary>
public static class SubscriptionCodec
{
    private const string Started = "subscription-started", Ended = "subscription-ended";

    public static EventData Encode(SubscriptionEvent e) => e switch
    {
        SubscriptionStarted { Subscription: var s } => Event(Started, JsonSerializer.SerializeToUtf8Bytes(new StoredStarted
        {
            Subscription = new StoredSubscription
            {
                Id = s.Id,
                Channels = [.. s.Channels],
                Kinds = [.. s.Kinds.Select(WireName.Of)],
                Webhook = s.Webhook is { } hook ? new StoredWebhook { Url = hook.Url, Secret = hook.Secret } : null,
                Email = s.Email,
            },
        }, StoredSubscriptionsJson.Stored.StoredStarted)),
        SubscriptionEnded ended => Event(Ended, JsonSerializer.SerializeToUtf8Bytes(
            new StoredEnded { SubscriptionId = ended.SubscriptionId }, StoredSubscriptionsJson.Stored.StoredEnded)),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a subscription event."),
    };

    /// <summary>The subscription event in <paramref name="e"/>, or null for events of other types.</summary>
    /// <exception cref="JsonException">The data is not the event its type names.</exception>
    public static SubscriptionEvent? Decode(RecordedEvent e) => Decode(e.Type, e.Data);

    /// <inheritdoc cref="Decode(RecordedEvent)"/>
    public static SubscriptionEvent? Decode(string type, ReadOnlySpan<byte> data) => type switch
    {
        Started => new SubscriptionStarted(Subscription(Read(data, StoredSubscriptionsJson.Stored.StoredStarted).Subscription)),
        Ended => new SubscriptionEnded(Read(data, StoredSubscriptionsJson.Stored.StoredEnded).SubscriptionId),
        _ => null,
    };

    private static EventData Event(string type, byte[] data) => new(Guid.CreateVersion7(), type, data);

    private static T Read<T>(ReadOnlySpan<byte> data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(data, info) ?? throw new JsonException("The event is null.");

    private static Subscription Subscription(StoredSubscription? s)
    {
        if (s is null) throw new JsonException("The stored event has no subscription.");
        var kinds = (s.Kinds ?? []).Select(k => WireName.TryParse<AlertKind>(k, out var kind) ? kind
            : throw new JsonException($"'{k}' is not a kind of alert.")).ToList();
        var webhook = s.Webhook is { Url: { } url, Secret: { } secret } ? new Webhook(url, secret) : null;
        return new Subscription(s.Id, s.Channels ?? [], kinds, webhook, s.Email);
    }
}

internal sealed class StoredStarted
{
    [JsonPropertyName("subscription")] public StoredSubscription? Subscription { get; set; }
}

internal sealed class StoredEnded
{
    [JsonPropertyName("subscriptionId")] public Guid SubscriptionId { get; set; }
}

internal sealed class StoredSubscription
{
    [JsonPropertyName("id")] public Guid Id { get; set; }
    [JsonPropertyName("channels")] public List<string>? Channels { get; set; }
    [JsonPropertyName("kinds")] public List<string>? Kinds { get; set; }
    [JsonPropertyName("webhook")] public StoredWebhook? Webhook { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
}

internal sealed class StoredWebhook
{
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("secret")] public string? Secret { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredStarted))]
[JsonSerializable(typeof(StoredEnded))]
internal sealed partial class StoredSubscriptionsJson : JsonSerializerContext
{
    public static StoredSubscriptionsJson Stored { get; } = new(StoredJson.Options());
}
