using System.Text.Json;
using Monitor.Collections;
using Monitor.EventStore;
using static Monitor.Recording.LedgerEvent;
using Holds = Monitor.Recording.StoredLedgerReader.Holds;

namespace Monitor.Recording;

/// <summary>The ledger's events to and from their stored contract (StoredLedger.cs), under names fixed apart from class names.</summary>
public static class LedgerCodec
{
    public const string Recorded = "development-recorded";

    private const string SourceAddedType = "source-added",
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
    public static LedgerEvent? Decode(RecordedEvent e) => Decode(e.Type, e.Data);

    /// <inheritdoc cref="Decode(RecordedEvent)"/>
    public static LedgerEvent? Decode(string type, ReadOnlySpan<byte> data) => type switch
    {
        Recorded when Read(data, Holds.Facts | Holds.Seeded) is var r =>
            new DevelopmentRecorded(r.DevelopmentId, (r.Facts ?? throw Missing(Field.Facts)).ToFacts(), r.Seeded),
        SourceAddedType when Read(data, Holds.Source) is var a => new SourceAdded(a.DevelopmentId, a.Source ?? throw Missing(Field.Source)),
        Corrected when Read(data, Holds.Facts | Holds.Reason) is var c =>
            new DevelopmentCorrected(c.DevelopmentId, (c.Facts ?? throw Missing(Field.Facts)).ToFacts(), c.Reason ?? throw Missing(Field.Reason)),
        Retracted when Read(data, Holds.Reason) is var r => new DevelopmentRetracted(r.DevelopmentId, r.Reason ?? throw Missing(Field.Reason)),
        _ => null,
    };

    /// <summary>
    /// A <see cref="Recorded"/> event's data as the read models take it in: its facts packed into <paramref name="texts"/>
    /// straight from the stored UTF-8, and their duplicate keys worked out.
    /// </summary>
    /// <exception cref="JsonException">The data is not a recorded development.</exception>
    public static PackedRecording DecodeRecorded(ReadOnlySpan<byte> data, ByteArena texts)
    {
        var r = Read(data, Holds.Facts | Holds.Seeded);
        var facts = PackedFacts.Pack(r.Facts ?? throw Missing(Field.Facts), texts);
        return new PackedRecording(r.DevelopmentId, facts, r.Seeded, DevelopmentRegistry.KeysOf(facts));
    }

    private static EventData Event(string type, byte[] data) => new(Guid.CreateVersion7(), type, data);

    private static StoredLedgerReader.Top Read(ReadOnlySpan<byte> data, Holds holds) => StoredLedgerReader.Read(data, holds);

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

    private static JsonException Missing(string field) => new($"The stored event has no {field}.");
}
