using System.Text.Json;
using Monitor.Alerts;
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
    public static object Decode(EventHeader e, ReadOnlySpan<byte> data)
    {
        object? decoded;
        try
        {
            decoded = e.Stream switch
            {
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
    public static IReadOnlyList<DecodedEvent> Decode(IReadOnlyList<RecordedEvent> batch)
    {
        var decoded = new DecodedEvent[batch.Count];
        for (var i = 0; i < batch.Count; i++) decoded[i] = Decoded(batch[i], batch[i].Data);
        return decoded;
    }

    /// <summary>One event as <see cref="Decode(IReadOnlyList{RecordedEvent})"/> decodes each, from wherever its data lies.</summary>
    public static DecodedEvent Decoded(EventHeader header, ReadOnlySpan<byte> data)
    {
        try
        {
            var e = Decode(header, data);
            return new DecodedEvent(header, e, null, e is LedgerEvent.DevelopmentRecorded recorded ? DevelopmentRegistry.KeysOf(recorded.Facts) : null);
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
/// <param name="DevelopmentKeys">For a recorded development, its <see cref="DevelopmentRegistry.KeysOf"/>: worked out where
/// events are decoded, on the thread that reads ahead during a rebuild rather than the one that applies.</param>
public readonly record struct DecodedEvent(EventHeader Recorded, object? Event, StoreDamagedException? Damage, ulong[]? DevelopmentKeys = null);
