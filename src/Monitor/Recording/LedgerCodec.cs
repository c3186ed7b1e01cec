using System.Text.Json;
using Monitor.EventStore;
using static Monitor.Recording.LedgerEvent;

namespace Monitor.Recording;

/// <summary>The ledger's events to and from their stored contract (StoredLedger.cs), under names fixed apart from class names.</summary>
public static class LedgerCodec
{
    private const string Recorded = "development-recorded", SourceAddedType = "source-added",
        Corrected = "development-corrected", Retracted = "development-retracted";

    private static StoredLedgerJson Json => StoredLedgerJson.Stored;

    public static EventData Encode(LedgerEvent e) => e switch
    {
        DevelopmentRecorded r => Event(Recorded, JsonSerializer.SerializeToUtf8Bytes(
            new StoredRecorded { DevelopmentId = r.DevelopmentId, Facts = Store(r.Facts), Seeded = r.Seeded }, Json.StoredRecorded)),
        SourceAdded a => Event(SourceAddedType, JsonSerializer.SerializeToUtf8Bytes(
            new StoredSourceAdded { DevelopmentId = a.DevelopmentId, Source = Store(a.Source) }, Json.StoredSourceAdded)),
        DevelopmentCorrected c => Event(Corrected, JsonSerializer.SerializeToUtf8Bytes(
            new StoredCorrected { DevelopmentId = c.DevelopmentId, Facts = Store(c.Facts), Reason = c.Reason }, Json.StoredCorrected)),
        DevelopmentRetracted r => Event(Retracted, JsonSerializer.SerializeToUtf8Bytes(
            new StoredRetracted { DevelopmentId = r.DevelopmentId, Reason = r.Reason }, Json.StoredRetracted)),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a ledger event."),
    };

    /// <summary>The ledger event in <paramref name="e"/>, or null for events of other types.</summary>
    /// <exception cref="JsonException">The data is not the event its type names.</exception>
    public static LedgerEvent? Decode(RecordedEvent e) => e.Type switch
    {
        Recorded when Read(e, Json.StoredRecorded) is var r =>
            new DevelopmentRecorded(r.DevelopmentId, Facts(r.Facts), r.Seeded),
        SourceAddedType when Read(e, Json.StoredSourceAdded) is var a =>
            new SourceAdded(a.DevelopmentId, Source(a.Source ?? throw Missing("source"))),
        Corrected when Read(e, Json.StoredCorrected) is var c =>
            new DevelopmentCorrected(c.DevelopmentId, Facts(c.Facts), c.Reason ?? throw Missing("reason")),
        Retracted when Read(e, Json.StoredRetracted) is var r =>
            new DevelopmentRetracted(r.DevelopmentId, r.Reason ?? throw Missing("reason")),
        _ => null,
    };

    private static EventData Event(string type, byte[] data) => new(Guid.CreateVersion7(), type, data);

    private static T Read<T>(RecordedEvent e, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(e.Data, info) ?? throw new JsonException("The event is null.");

    private static StoredFacts Store(DevelopmentFacts f) => new()
    {
        Channels = [.. f.Channels],
        Kind = WireName.Of(f.Kind),
        OccurredOn = f.OccurredOn.ToString(),
        Summary = f.Summary,
        Actors = [.. f.Actors],
        Sources = [.. f.Sources.Select(Store)],
        PlannedFor = f.PlannedFor?.ToString(),
    };

    private static StoredSource Store(Source s) => new()
    {
        Title = s.Title,
        Publisher = s.Publisher,
        Url = s.Url,
        PublishedOn = s.PublishedOn.ToString(),
        Evidence = s.Evidence,
        Reference = s.Reference,
        SyndicatedFrom = s.SyndicatedFrom,
    };

    private static DevelopmentFacts Facts(StoredFacts? f)
    {
        if (f is null) throw Missing("facts");
        if (!WireName.TryParse<DevelopmentKind>(f.Kind, out var kind)) throw new JsonException($"'{f.Kind}' is not a kind of development.");
        return new DevelopmentFacts(f.Channels ?? throw Missing("channels"), kind, Period(f.OccurredOn, "occurredOn"),
            f.Summary ?? throw Missing("summary"), f.Actors ?? [], (f.Sources ?? throw Missing("sources")).Select(Source).ToArray(),
            f.PlannedFor is null ? null : Period(f.PlannedFor, "plannedFor"));
    }

    private static Source Source(StoredSource s) =>
        new(s.Title ?? throw Missing("title"), s.Publisher ?? throw Missing("publisher"), s.Url,
            PartialDate.TryParse(s.PublishedOn, out var published, out var error) ? published : throw new JsonException($"publishedOn: {error}"),
            s.Evidence ?? throw Missing("evidence"), s.Reference, s.SyndicatedFrom);

    private static Period Period(string? text, string field) =>
        Recording.Period.TryParse(text, out var period, out var error) ? period : throw new JsonException($"{field}: {error}");

    private static JsonException Missing(string field) => new($"The stored event has no {field}.");
}
