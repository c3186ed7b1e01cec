using System.Text.Json.Serialization;
using Monitor.EventStore;

namespace Monitor.Alerts;

// Alert events as the log stores them: a contract of its own, names and order fixed here by attribute and declaration,
// so reshaping the domain's cases or the API's JSON never changes what stored history means. The bytes are those the
// first versions wrote by serializing the domain records, whose computed alertId came last: kept, so that every
// version reads what any other wrote. One flat alert for every kind, as stored; the codec makes it a case.

internal sealed class StoredRaised
{
    [JsonPropertyName("alert")] public StoredAlert? Alert { get; set; }
    [JsonPropertyName("recipients")] public List<Guid>? Recipients { get; set; }
    [JsonPropertyName("alertId")] public Guid AlertId { get; set; }
}

internal sealed class StoredAlert
{
    [JsonPropertyName("id")] public Guid Id { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("channel")] public string? Channel { get; set; }
    [JsonPropertyName("from")] public string? From { get; set; }
    [JsonPropertyName("to")] public string? To { get; set; }
    [JsonPropertyName("retroactive")] public bool Retroactive { get; set; }
    [JsonPropertyName("development")] public StoredDevelopment? Development { get; set; }
    [JsonPropertyName("since")] public string? Since { get; set; }
    [JsonPropertyName("days")] public int? Days { get; set; }
    [JsonPropertyName("day")] public DateOnly? Day { get; set; }
    [JsonPropertyName("channels")] public List<StoredChannelState>? Channels { get; set; }
    [JsonPropertyName("raisedAt")] public DateTimeOffset? RaisedAt { get; set; }
}

internal sealed class StoredDevelopment
{
    [JsonPropertyName("id")] public Guid Id { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("occurredOn")] public string? OccurredOn { get; set; }
    [JsonPropertyName("summary")] public string? Summary { get; set; }
    [JsonPropertyName("change")] public string? Change { get; set; }
}

internal sealed class StoredChannelState
{
    [JsonPropertyName("channel")] public string? Channel { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("since")] public string? Since { get; set; }
}

internal sealed class StoredDelivered
{
    [JsonPropertyName("subscriptionId")] public Guid SubscriptionId { get; set; }
    [JsonPropertyName("attempts")] public int Attempts { get; set; }
    [JsonPropertyName("alertId")] public Guid AlertId { get; set; }
}

internal sealed class StoredClaimed
{
    [JsonPropertyName("subscriptionId")] public Guid SubscriptionId { get; set; }
    [JsonPropertyName("attempt")] public int Attempt { get; set; }
    [JsonPropertyName("until")] public DateTimeOffset Until { get; set; }
    [JsonPropertyName("alertId")] public Guid AlertId { get; set; }
}

/// <summary>A failed attempt (another follows) or the last one (given up): the same fields, the next attempt only in the first.</summary>
internal sealed class StoredFailure
{
    [JsonPropertyName("subscriptionId")] public Guid SubscriptionId { get; set; }
    [JsonPropertyName("attempts")] public int Attempts { get; set; }
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("nextAttemptAt")] public DateTimeOffset? NextAttemptAt { get; set; }
    [JsonPropertyName("alertId")] public Guid AlertId { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredRaised))]
[JsonSerializable(typeof(StoredDelivered))]
[JsonSerializable(typeof(StoredClaimed))]
[JsonSerializable(typeof(StoredFailure))]
internal sealed partial class StoredAlertsJson : JsonSerializerContext
{
    public static StoredAlertsJson Stored { get; } = new(StoredJson.Options());
}
