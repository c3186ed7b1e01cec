using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.EventStore;

namespace Monitor.Recording;

// The ledger's events as the log stores them: a contract of its own, names fixed here (Field) and by attribute, so
// renaming a domain type or changing the API's JSON never changes what history means. The shapes below write events;
// StoredLedgerReader reads them back under the same names, straight into domain events.

/// <summary>Every property name of the stored ledger events, spelled once for the shapes that write and the reader.</summary>
internal static class Field
{
    public const string DevelopmentId = "developmentId";
    public const string Facts = "facts";
    public const string Seeded = "seeded";
    public const string Source = "source";
    public const string Reason = "reason";
    public const string Channels = "channels";
    public const string Kind = "kind";
    public const string OccurredOn = "occurredOn";
    public const string Summary = "summary";
    public const string Actors = "actors";
    public const string Sources = "sources";
    public const string PlannedFor = "plannedFor";
    public const string Title = "title";
    public const string Publisher = "publisher";
    public const string Url = "url";
    public const string PublishedOn = "publishedOn";
    public const string Evidence = "evidence";
    public const string Reference = "reference";
    public const string SyndicatedFrom = "syndicatedFrom";
}

internal sealed class StoredRecorded
{
    [JsonPropertyName(Field.DevelopmentId)] public Guid DevelopmentId { get; set; }
    [JsonPropertyName(Field.Facts)] public StoredFacts? Facts { get; set; }
    [JsonPropertyName(Field.Seeded)] public bool Seeded { get; set; }
}

internal sealed class StoredSourceAdded
{
    [JsonPropertyName(Field.DevelopmentId)] public Guid DevelopmentId { get; set; }
    [JsonPropertyName(Field.Source)] public StoredSource? Source { get; set; }
}

internal sealed class StoredCorrected
{
    [JsonPropertyName(Field.DevelopmentId)] public Guid DevelopmentId { get; set; }
    [JsonPropertyName(Field.Facts)] public StoredFacts? Facts { get; set; }
    [JsonPropertyName(Field.Reason)] public string? Reason { get; set; }
}

internal sealed class StoredRetracted
{
    [JsonPropertyName(Field.DevelopmentId)] public Guid DevelopmentId { get; set; }
    [JsonPropertyName(Field.Reason)] public string? Reason { get; set; }
}

internal sealed class StoredFacts
{
    [JsonPropertyName(Field.Channels)] public IReadOnlyList<string>? Channels { get; set; }
    [JsonPropertyName(Field.Kind)] public string? Kind { get; set; }
    [JsonPropertyName(Field.OccurredOn)] public string? OccurredOn { get; set; }
    [JsonPropertyName(Field.Summary)] public string? Summary { get; set; }
    [JsonPropertyName(Field.Actors)] public IReadOnlyList<string>? Actors { get; set; }
    [JsonPropertyName(Field.Sources)] public List<StoredSource>? Sources { get; set; }
    [JsonPropertyName(Field.PlannedFor)] public string? PlannedFor { get; set; }
}

internal sealed class StoredSource
{
    [JsonPropertyName(Field.Title)] public string? Title { get; set; }
    [JsonPropertyName(Field.Publisher)] public string? Publisher { get; set; }
    [JsonPropertyName(Field.Url)] public string? Url { get; set; }
    [JsonPropertyName(Field.PublishedOn)] public string? PublishedOn { get; set; }
    [JsonPropertyName(Field.Evidence)] public string? Evidence { get; set; }
    [JsonPropertyName(Field.Reference)] public string? Reference { get; set; }
    [JsonPropertyName(Field.SyndicatedFrom)] public string? SyndicatedFrom { get; set; }
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
