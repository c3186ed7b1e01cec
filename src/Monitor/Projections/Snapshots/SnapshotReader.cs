using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Monitor.EventStore;

namespace Monitor.Projections.Snapshots;

/// <summary>
/// Reads back what <see cref="SnapshotWriter"/> wrote, in the same order, straight from the mapped file. Anything
/// inconsistent throws <see cref="InvalidDataException"/>; a count never claims more items than the bytes left could hold,
/// so a damaged one never makes a huge array.
/// </summary>
/// <remarks>
/// A snapshot is loaded once, at start. The loops that load it (here and in each read model's <c>Load</c>) run as the
/// published program's ahead-of-time compilation made them. Marking them <c>AggressiveOptimization</c> kept them out of
/// it, to be compiled at every start instead, on the load's own thread: restarts took about 5 % longer.
/// </remarks>
/// <param name="start">Where to start reading: the beginning, or a section's start (see <see cref="SnapshotWriter.BeginSection"/>).</param>
/// <param name="end">Where reading must stop.</param>
public sealed class SnapshotReader(MappedFile file, long end, long start = 0)
{
    private IReadOnlyList<IReadOnlyList<string>> _lists = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private long _at = start;

    /// <summary>Where the next read starts.</summary>
    public long Position => _at;

    /// <summary>Timeline nodes by the id they were written under.</summary>
    public List<object> Nodes { get; } = [];

    /// <summary>The development list's text chunks by the id they were written under, in place in the file.</summary>
    public List<Memory<byte>> Chunks { get; private init; } = [];

    public bool Bool() => Take(1)[0] != 0;
    public byte Byte() => Take(1)[0];
    public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));
    public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));
    public ulong ULong() => BinaryPrimitives.ReadUInt64LittleEndian(Take(sizeof(ulong)));
    public Guid Guid() => new(Take(16));
    public DateTimeOffset Instant() => new(Long(), TimeSpan.Zero);
    public DateOnly Day() => DateOnly.FromDayNumber(Int());
    public string? Text() => Bool() ? String() : null;
    public DateTimeOffset? MaybeInstant() => Bool() ? Instant() : null;

    /// <summary>A count written before that many items, checked against what a sane snapshot holds.</summary>
    /// <param name="bytesEach">The fewest bytes one item takes in the file. Give it where the count sizes a collection
    /// before the items are read: the collection can then be no larger than the bytes left warrant.</param>
    public int Count(int max = int.MaxValue, int bytesEach = 1) =>
        Int() is var count && count >= 0 && count <= max && count <= (end - _at) / bytesEach
            ? count : throw new InvalidDataException($"A count of {count} is out of range.");

    /// <summary>Whether the bytes <see cref="SnapshotWriter.Write(ReadOnlySpan{byte})"/> wrote are <paramref name="expected"/>.</summary>
    public bool Expect(ReadOnlySpan<byte> expected) => Int() == expected.Length && Take(expected.Length).SequenceEqual(expected);

    /// <summary>Throws unless everything up to the end was read.</summary>
    public void ExpectEnd()
    {
        if (_at != end) throw new InvalidDataException($"{end - _at} bytes are left over at position {_at}.");
    }

    /// <summary>
    /// The next <paramref name="length"/> bytes as a reader of their own, for another thread to read while this one goes on
    /// past them. It shares nothing read so far (lists, names, nodes, chunks).
    /// </summary>
    public SnapshotReader Split(long length)
    {
        if (length < 0 || length > end - _at) throw new EndOfStreamException("The snapshot ends early.");
        var part = new SnapshotReader(file, _at + length, _at);
        _at += length;
        return part;
    }

    /// <summary>
    /// A reader of what lies from <paramref name="position"/> to this one's end, sharing the lists and the text chunks read
    /// so far: for something written in place to be read long after the load, on any thread, once nothing is added to them.
    /// </summary>
    public SnapshotReader At(long position) =>
        position >= _at && position <= end
            ? new SnapshotReader(file, end, position) { _lists = _lists, Chunks = Chunks }
            : throw new InvalidDataException($"Position {position} lies outside what is left to read.");

    /// <summary>Goes past the rest, which is to be read with <see cref="At"/>.</summary>
    public void SkipToEnd() => _at = end;

    /// <summary>A part <see cref="SnapshotWriter.WritePart"/> wrote, as a reader of its own, for another thread to read.</summary>
    public SnapshotReader Part() => Split(Count());

    /// <summary>Bytes written with their length, left in place in the file.</summary>
    public Memory<byte> InPlace()
    {
        var length = Count();
        var at = _at;
        Take(length);
        return file.Memory(at, length);
    }

    /// <summary>A run written with <see cref="SnapshotWriter.BeginRawRun"/>, left in place in the file.</summary>
    public Memory<T> RawInPlace<T>() where T : unmanaged
    {
        var padding = Byte();
        if (padding >= 8) throw new InvalidDataException($"A run cannot be padded by {padding} bytes.");
        Take(padding);
        var count = Count((int)Math.Min(int.MaxValue, (end - _at - sizeof(int)) / Unsafe.SizeOf<T>()));
        var at = _at;
        Take(count * Unsafe.SizeOf<T>());
        return file.Memory<T>(at, count);
    }

    /// <summary>The run the leaves of the versioned lists read next point into (see <c>VersionedListSnapshot</c>).</summary>
    public object? Leaves { get; set; }

    /// <summary>A name shared by every list that holds it, as the log's decoder shares them.</summary>
    public string Name()
    {
        var name = String();
        if (_names.TryGetValue(name, out var known)) return known;
        _names[name] = name;
        return name;
    }

    /// <summary>A list of names, by its number in the table read by <see cref="LoadLists"/>.</summary>
    public IReadOnlyList<string> List() =>
        Int() is var number && (uint)number < (uint)_lists.Count ? _lists[number] : throw new InvalidDataException($"No list {number} was written.");

    /// <summary>The table of lists <see cref="SnapshotWriter.WriteLists"/> wrote, for <paramref name="readers"/> to read lists by number.</summary>
    public void LoadLists(params SnapshotReader[] readers)
    {
        var lists = new IReadOnlyList<string>[Count(bytesEach: sizeof(int))];
        for (var i = 0; i < lists.Length; i++)
        {
            var list = new string[Count(bytesEach: 1)];
            for (var j = 0; j < list.Length; j++) list[j] = Name();
            lists[i] = list;
        }
        foreach (var reader in readers) reader._lists = lists;
    }

    /// <summary>What <see cref="SnapshotWriter.Write(EventData)"/> wrote, as a stored event of <paramref name="stream"/> for its codec to decode.</summary>
    public RecordedEvent Stored(string stream) => new(stream, 0, 0, System.Guid.Empty, Text()!, InPlace().ToArray(), default);

    /// <summary>A node read before, by its id.</summary>
    public T Node<T>(int id) where T : class =>
        id >= 0 && id < Nodes.Count && Nodes[id] is T known ? known : throw new InvalidDataException($"No {typeof(T).Name} {id} was read before.");

    public Memory<byte> Chunk(int id) =>
        (uint)id < (uint)Chunks.Count ? Chunks[id] : throw new InvalidDataException($"No text chunk {id} was read before.");

    /// <summary>A string as <see cref="BinaryWriter"/> writes one: its UTF-8 length as a 7-bit varint, then its bytes.</summary>
    private string String()
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 28) throw new InvalidDataException("A string's length is malformed.");
            var b = Byte();
            length |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        if (length < 0) throw new InvalidDataException("A string's length is malformed.");
        return Encoding.UTF8.GetString(Take(length));
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > end - _at) throw new EndOfStreamException("The snapshot ends early.");
        var span = file.Span(_at, length);
        _at += length;
        return span;
    }
}
