using System.Runtime.InteropServices;
using Monitor.Collections;
using Monitor.EventStore;

namespace Monitor.Projections.Snapshots;

/// <summary>
/// Writes the read models' state in the snapshot's binary form, hashing it as it goes. Shared things are written once: a
/// list of channels or actors (a million developments name a few sets) by its number in a table written after them
/// (<see cref="WriteLists"/>), so that anything naming one can be read on its own; and a node of a timeline's history
/// that several versions share.
/// </summary>
public sealed class SnapshotWriter : IDisposable
{
    private readonly HashingStream _hashed;
    private readonly CountingStream _counted;
    private readonly BinaryWriter _out;
    private readonly Dictionary<IReadOnlyList<string>, int> _lists = new(ReferenceEqualityComparer.Instance);

    public SnapshotWriter(Stream to)
    {
        _hashed = new HashingStream(to);
        _counted = new CountingStream(new BufferedStream(_hashed, 1 << 20));
        _out = new BinaryWriter(_counted, System.Text.Encoding.UTF8);
    }

    /// <summary>How many bytes were written so far: asked once for each development, so it flushes nothing.</summary>
    public long Position => _counted.Passed;

    /// <summary>The checksum of every byte written so far.</summary>
    public byte[] Checksum
    {
        get
        {
            _out.Flush();
            return _hashed.Hash;
        }
    }

    /// <summary>
    /// Starts a part that a <see cref="SnapshotReader"/> of its own reads alongside the one before: nothing in it refers to
    /// anything written before it but the development list's text chunks, which that reader is given.
    /// </summary>
    /// <returns>Where it starts.</returns>
    public long BeginSection()
    {
        Nodes.Clear();
        return Position;
    }

    /// <summary>Ids given to timeline nodes as they are written, so a node several versions share is written once.</summary>
    public Dictionary<object, int> Nodes { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Where each leaf's items start in the run of them written last (see <c>VersionedListSnapshot.SaveLeaves</c>).</summary>
    public Dictionary<object, int> Leaves { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Ids given to the development list's text chunks (an array, or a run of a mapped snapshot), which facts point into.</summary>
    public Dictionary<object, int> Chunks { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Chunks whose runs were written in two parts, the runs from <c>From</c> on under the id of their own: taken while the
    /// first part was written.
    /// </summary>
    public Dictionary<object, (int Id, int From)> ChunkRests { get; } = new(ReferenceEqualityComparer.Instance);

    public void Write(bool value) => _out.Write(value);
    public void Write(byte value) => _out.Write(value);
    public void Write(int value) => _out.Write(value);
    public void Write(long value) => _out.Write(value);
    public void Write(ulong value) => _out.Write(value);
    public void Write(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        _out.Write(bytes);
    }
    public void Write(DateTimeOffset value) => _out.Write(value.UtcTicks);
    public void Write(DateOnly value) => _out.Write(value.DayNumber);

    public void Write(string? value)
    {
        _out.Write(value is not null);
        if (value is not null) _out.Write(value);
    }

    /// <summary>A name many things repeat (a channel): read back as one shared string.</summary>
    public void WriteName(string name) => _out.Write(name);

    public void Write(DateTimeOffset? value)
    {
        _out.Write(value.HasValue);
        if (value is { } instant) Write(instant);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        _out.Write(bytes.Length);
        _out.Write(bytes);
    }

    /// <summary>
    /// Starts a run of <paramref name="count"/> items written next with <see cref="WriteRawPart{T}"/>, placed where an
    /// item's every field is aligned in the file, so that <see cref="SnapshotReader.RawInPlace{T}"/> can leave them there.
    /// </summary>
    public void BeginRawRun(int count)
    {
        // Then a byte for the padding, the padding, and the count: the items start on a multiple of 8.
        var padding = (int)((8 - (Position + 1 + sizeof(int)) % 8) % 8);
        _out.Write((byte)padding);
        for (var i = 0; i < padding; i++) _out.Write((byte)0);
        _out.Write(count);
    }

    /// <summary>
    /// Items of a type without references as their bytes, without a count: part of a run begun with
    /// <see cref="BeginRawRun"/>. Only this build reads them back (see <see cref="ReadModelSnapshot"/>).
    /// </summary>
    public void WriteRawPart<T>(ReadOnlySpan<T> items) where T : unmanaged => _out.Write(MemoryMarshal.AsBytes(items));

    /// <summary>A sorted set's items as one run (<see cref="BeginRawRun"/>), least first, to load back with <see cref="ChunkedSortedSet{T}.LoadSorted"/>.</summary>
    public void WriteRawRun<T>(ChunkedSortedSet<T>.Taken items) where T : unmanaged
    {
        BeginRawRun(items.Count);
        for (var i = 0; i < items.Chunks; i++) WriteRawPart(items.Chunk(i));
    }

    /// <summary>
    /// What <paramref name="write"/> writes, as a part with its length first, so that a reader can go past it at once and
    /// read it on another thread (<see cref="SnapshotReader.Part"/>). It is written on its own: it shares no list or node
    /// with what is around it.
    /// </summary>
    public void WritePart(Action<SnapshotWriter> write)
    {
        using var part = new MemoryStream();
        using (var to = new SnapshotWriter(part)) write(to);
        Write(part.GetBuffer().AsSpan(0, (int)part.Length));
    }

    /// <summary>Something kept as the log stores it (a subscription, an alert): its stored contract is already versioned.</summary>
    public void Write(EventData stored)
    {
        Write(stored.Type);
        Write(stored.Data);
    }

    /// <summary>A list of names, by its number in the table <see cref="WriteLists"/> writes.</summary>
    public void Write(IReadOnlyList<string> list)
    {
        if (!_lists.TryGetValue(list, out var number)) _lists[list] = number = _lists.Count;
        _out.Write(number);
    }

    /// <summary>Every list written so far, in the order of their numbers: read first (<see cref="SnapshotReader.LoadLists"/>).</summary>
    public void WriteLists()
    {
        _out.Write(_lists.Count);
        foreach (var (list, _) in _lists.OrderBy(l => l.Value))
        {
            _out.Write(list.Count);
            foreach (var name in list) _out.Write(name);
        }
    }

    public void Flush() => _out.Flush();

    /// <summary>Counts what is written through it, ahead of the buffer: a position without a flush.</summary>
    private sealed class CountingStream(Stream inner) : PassThroughStream(inner, owned: true)
    {
        public long Passed { get; private set; }

        protected override void Passing(ReadOnlySpan<byte> bytes) => Passed += bytes.Length;
    }

    public void Dispose() => _out.Dispose();
}
