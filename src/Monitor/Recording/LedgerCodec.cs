using System.Text.Json;
using Monitor.EventStore;
using Monitor.Json;
using static Monitor.Recording.LedgerEvent;

namespace Monitor.Recording;

/// <summary>
/// Stored names for ledger events, fixed apart from class names so renaming code never breaks history.
/// </summary>
public static class LedgerCodec
{
    private const string Recorded = "development-recorded";
    private const string Corrected = "development-corrected";
    private const string Retracted = "development-retracted";

    public static EventData Encode(LedgerEvent e) => e switch
    {
        DevelopmentRecorded r => Data(Recorded, r),
        DevelopmentCorrected c => Data(Corrected, c),
        DevelopmentRetracted x => Data(Retracted, x),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>The ledger event in <paramref name="e"/>, or null for events of other streams.</summary>
    public static LedgerEvent? Decode(RecordedEvent e) => e.Type switch
    {
        Recorded => JsonSerializer.Deserialize<DevelopmentRecorded>(e.Data, MonitorJson.Options),
        Corrected => JsonSerializer.Deserialize<DevelopmentCorrected>(e.Data, MonitorJson.Options),
        Retracted => JsonSerializer.Deserialize<DevelopmentRetracted>(e.Data, MonitorJson.Options),
        _ => null,
    };

    private static EventData Data<T>(string type, T e) =>
        new(Guid.CreateVersion7(), type, JsonSerializer.SerializeToUtf8Bytes(e, MonitorJson.Options));
}
