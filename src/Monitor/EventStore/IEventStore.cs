namespace Monitor.EventStore;

/// <summary>
/// The log: streams of immutable events, each with a revision in its stream and a position in the
/// global order. Shaped on EventStoreDB (expected revision, read-all from a position, catch-up), so an
/// EventStoreDB/KurrentDB adapter can stand in for the embedded and PostgreSQL ones.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends all events atomically, if the stream is at <paramref name="expected"/>; durable before it returns.
    /// Throws <see cref="WrongExpectedRevisionException"/> otherwise, writing nothing.
    /// </summary>
    Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken ct = default);

    /// <summary>Up to <paramref name="maxCount"/> events after <paramref name="position"/>, in global order, with no gaps.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long position, int maxCount, CancellationToken ct = default);

    /// <summary>
    /// The same events as <see cref="ReadAllAsync(long, int, CancellationToken)"/>, each handed to <paramref name="decode"/>
    /// with its data where the store read it rather than copied into an event of its own: a rebuild decodes a million
    /// events and keeps none of their bytes. By default the events are read, then decoded.
    /// </summary>
    async Task<IReadOnlyList<T>> ReadAllDecodedAsync<T>(long position, int maxCount, EventDecoder<T> decode, CancellationToken ct = default)
    {
        var events = await ReadAllAsync(position, maxCount, ct);
        var decoded = new T[events.Count];
        for (var i = 0; i < decoded.Length; i++) decoded[i] = decode(events[i], events[i].Data);
        return decoded;
    }

    /// <summary>Events of one stream from <paramref name="revision"/> on.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string stream, long revision, int maxCount, CancellationToken ct = default);

    /// <summary>The position of the last committed event (0: the log is empty).</summary>
    Task<long> HeadPositionAsync(CancellationToken ct = default);

    /// <summary>Completes when an event after <paramref name="position"/> may be readable (or after a while anyway).</summary>
    Task WaitForAppendAsync(long position, CancellationToken ct);
}

public sealed record EventData(Guid EventId, string Type, byte[] Data);

/// <summary>Where an event stands in the log and what it is: all of a <see cref="RecordedEvent"/> but its data.</summary>
public record EventHeader(string Stream, long Revision, long Position, Guid EventId, string Type, DateTimeOffset Created);

public sealed record RecordedEvent(string Stream, long Revision, long Position, Guid EventId, string Type, byte[] Data, DateTimeOffset Created)
    : EventHeader(Stream, Revision, Position, EventId, Type, Created);

/// <summary>Makes what a reader keeps of an event from its header and data; the data is valid only during the call.</summary>
public delegate T EventDecoder<out T>(EventHeader header, ReadOnlySpan<byte> data);

/// <param name="Revision">The stream's revision after the append: expect it next time.</param>
/// <param name="Position">The global position of the last event appended.</param>
public sealed record AppendResult(long Revision, long Position);

/// <summary>What the writer believes the stream's revision to be (EventStoreDB's StreamState / StreamRevision).</summary>
public readonly record struct ExpectedRevision(long Value)
{
    public static readonly ExpectedRevision Any = new(-2);
    public static readonly ExpectedRevision NoStream = new(-1);
    public static readonly ExpectedRevision StreamExists = new(-4);

    public static ExpectedRevision At(long revision) =>
        revision >= 0 ? new(revision) : throw new ArgumentOutOfRangeException(nameof(revision));

    /// <summary>Whether a stream whose last revision is <paramref name="actual"/> (-1: no stream) satisfies this.</summary>
    public bool IsMetBy(long actual) => Value switch
    {
        -2 => true,
        -4 => actual >= 0,
        _ => Value == actual,
    };

    public override string ToString() => Value switch
    {
        -2 => "any",
        -1 => "no stream",
        -4 => "stream exists",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class WrongExpectedRevisionException(string stream, ExpectedRevision expected, long actual)
    : Exception($"Stream '{stream}' is at revision {actual}, not {expected}: read it again and retry.")
{
    public string Stream { get; } = stream;
    public long ActualRevision { get; } = actual;
}
