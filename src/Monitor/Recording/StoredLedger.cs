using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.EventStore;

namespace Monitor.Recording;

// The ledger's events as the log stores them: a contract of its own, names fixed here by attribute, so renaming a
// domain type or changing the API's JSON never changes what history means. Plain settable shapes, because
// System.Text.Json reads them several times faster than records bound through their constructors, and a rebuild
// reads a million of them. Text that repeats across developments (channels, actors, publishers, dates) is interned as read.

internal sealed class StoredRecorded
{
    [JsonPropertyName("developmentId")] public Guid DevelopmentId { get; set; }
    [JsonPropertyName("facts")] public StoredFacts? Facts { get; set; }
    [JsonPropertyName("seeded")] public bool Seeded { get; set; }
}

internal sealed class StoredSourceAdded
{
    [JsonPropertyName("developmentId")] public Guid DevelopmentId { get; set; }
    [JsonPropertyName("source")] public StoredSource? Source { get; set; }
}

internal sealed class StoredCorrected
{
    [JsonPropertyName("developmentId")] public Guid DevelopmentId { get; set; }
    [JsonPropertyName("facts")] public StoredFacts? Facts { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

internal sealed class StoredRetracted
{
    [JsonPropertyName("developmentId")] public Guid DevelopmentId { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

internal sealed class StoredFacts
{
    [JsonPropertyName("channels"), JsonConverter(typeof(InternedStrings))] public IReadOnlyList<string>? Channels { get; set; }
    [JsonPropertyName("kind"), JsonConverter(typeof(InternedString))] public string? Kind { get; set; }
    [JsonPropertyName("occurredOn"), JsonConverter(typeof(InternedString))] public string? OccurredOn { get; set; }
    [JsonPropertyName("summary")] public string? Summary { get; set; }
    [JsonPropertyName("actors"), JsonConverter(typeof(InternedStrings))] public IReadOnlyList<string>? Actors { get; set; }
    [JsonPropertyName("sources")] public List<StoredSource>? Sources { get; set; }
    [JsonPropertyName("plannedFor")] public string? PlannedFor { get; set; }
}

internal sealed class StoredSource
{
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("publisher"), JsonConverter(typeof(InternedString))] public string? Publisher { get; set; }
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("publishedOn"), JsonConverter(typeof(InternedString))] public string? PublishedOn { get; set; }
    [JsonPropertyName("evidence")] public string? Evidence { get; set; }
    [JsonPropertyName("reference")] public string? Reference { get; set; }
    [JsonPropertyName("syndicatedFrom")] public string? SyndicatedFrom { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredRecorded))]
[JsonSerializable(typeof(StoredSourceAdded))]
[JsonSerializable(typeof(StoredCorrected))]
[JsonSerializable(typeof(StoredRetracted))]
internal sealed partial class StoredLedgerJson : JsonSerializerContext
{
    public static StoredLedgerJson Stored { get; } = new(StoredJson.Options());
}
