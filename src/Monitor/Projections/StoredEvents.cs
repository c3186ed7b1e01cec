using System.Text.Json;
using Monitor.Alerts;
using Monitor.Collections;
using Monitor.EventStore;
using Monitor.Recording;
using Monitor.Subscriptions;

namespace Monitor.Projections;

/// <summary>
/// What each stream of the log holds, decoded by that stream's codec: the ledger, the subscriptions, one
/// stream per alert. An event this program cannot decode is damage, never skipped: read models built
/// around it would serve partial history as if whole.
/// </summary>
public static class StoredEvents
{
    public const string Remedy = "Run `monitor verify` on the data folder for a full report, then restore the latest backup (README: Backup and restore).";

    /// <returns>A <see cref="LedgerEvent"/>, a <see cref="SubscriptionEvent"/> or an <see cref="AlertEvent"/>.</returns>
    /// <exception cref="StoreDamagedException">The event is not one this program writes to its stream.</exception>
    public static object Decode(RecordedEvent e) => Decode(e, e.Data);

    /// <inheritdoc cref="Decode(RecordedEvent)"/>
    /// <param name="packInto">Where to pack a recorded development's facts, decoding it as a <see cref="PackedRecording"/>
    /// (see <see cref="ReadModel.Decode"/>); null to decode every ledger event as a <see cref="LedgerEvent"/>.</param>
    public static object Decode(EventHeader e, ReadOnlySpan<byte> data, ByteArena? packInto = null)
    {
        object? decoded;
        try
        {
            decoded = e.Stream switch
            {
                Ledger.StreamName when packInto is not null && e.Type == LedgerCodec.Recorded => LedgerCodec.DecodeRecorded(data, packInto),
                Ledger.StreamName => LedgerCodec.Decode(e.Type, data),
                AlertStreams.Subscriptions => SubscriptionCodec.Decode(e.Type, data),
                _ when AlertStreams.IsAlert(e.Stream) => AlertCodec.Decode(e.Type, data),
                _ => throw Damaged(e, "cannot be decoded", "this program writes no such stream"),
            };
        }
        catch (Exception error) when (error is JsonException or NotSupportedException or ArgumentException)
        {
            throw Damaged(e, "cannot be decoded", error.Message, error);
        }
        return decoded ?? throw Damaged(e, "cannot be decoded", $"'{e.Type}' is not a type of event that stream holds");
    }

    /// <summary>
    /// Every event of the batch decoded, in order. One that cannot be is carried as its damage, so the events before
    /// it are still applied and the checkpoint stops right before it.
    /// </summary>
    /// <inheritdoc cref="Decode(EventHeader, ReadOnlySpan{byte}, ByteArena?)" path="/param[@name='packInto']"/>
    public static IReadOnlyList<DecodedEvent> Decode(IReadOnlyList<RecordedEvent> batch, ByteArena? packInto = null)
    {
        var decoded = new DecodedEvent[batch.Count];
        for (var i = 0; i < batch.Count; i++) decoded[i] = Decoded(batch[i], batch[i].Data, packInto);
        return decoded;
    }

    /// <summary>One event as <see cref="Decode(IReadOnlyList{RecordedEvent}, ByteArena?)"/> decodes each, from wherever its data lies.</summary>
    public static DecodedEvent Decoded(EventHeader header, ReadOnlySpan<byte> data, ByteArena? packInto = null)
    {
        try
        {
            return new DecodedEvent(header, Decode(header, data, packInto), null);
        }
        catch (StoreDamagedException damage)
        {
            return new DecodedEvent(header, null, damage);
        }
    }

    public static StoreDamagedException Damaged(EventHeader e, string problem, string detail, Exception? inner = null) =>
        new($"The event at position {e.Position} (stream '{e.Stream}', revision {e.Revision}, type '{e.Type}') {problem}: {detail} {Remedy}", inner);
}

/// <summary>A stored event with what it decodes to, or why it cannot be decoded.</summary>
public readonly record struct DecodedEvent(EventHeader Recorded, object? Event, StoreDamagedException? Damage);
