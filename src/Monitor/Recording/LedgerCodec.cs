using Monitor.EventStore;
using static Monitor.Recording.LedgerEvent;

namespace Monitor.Recording;

public static class LedgerCodec
{
    private static readonly EventCodec<LedgerEvent> Codec = new(
        ("development-recorded", typeof(DevelopmentRecorded)),
        ("source-added", typeof(SourceAdded)),
        ("development-corrected", typeof(DevelopmentCorrected)),
        ("development-retracted", typeof(DevelopmentRetracted)));

    public static EventData Encode(LedgerEvent e) => Codec.Encode(e);

    /// <summary>The ledger event in <paramref name="e"/>, or null for events of other streams.</summary>
    public static LedgerEvent? Decode(RecordedEvent e) => Codec.Decode(e);
}
