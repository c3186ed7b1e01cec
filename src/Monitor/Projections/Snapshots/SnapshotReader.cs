using System.Runtime.InteropServices;
using Monitor.Collections;
using Monitor.EventStore;

namespace Monitor.Projections.Snapshots;

/// <summary>Reads back what <see cref="SnapshotWriter"/> wrote, in the same order. Any inconsistency throws <see cref="InvalidDataException"/>.</summary>
/// <param name="length">The snapshot's size: no count in it can be larger, so a damaged one never makes a huge array.</param>
public sealed class SnapshotReader(Stream from, long length) : IDisposable
{
    private readonly BinaryReader _in = new(from, System.Text.Encoding.UTF8, leaveOpen: true);
    private readonly List<IReadOnlyList<string>> _lists = [];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>Shared objects (timeline nodes) by the id they were written under.</summary>
    public List<object> Read { get; } = [];

    /// <summary>Where the development list's texts are loaded, before the facts that point into them.</summary>
    public ByteArena? Texts { get; set; }

    public bool Bool() => _in.ReadBoolean();
    public byte Byte() => _in.ReadByte();
    public int Int() => _in.ReadInt32();
    public long Long() => _in.ReadInt64();
    public ulong ULong() => _in.ReadUInt64();
    public Guid Guid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _in.BaseStream.ReadExactly(bytes);
        return new Guid(bytes);
    }
    public DateTimeOffset Instant() => new(_in.ReadInt64(), TimeSpan.Zero);
    public DateOnly Day() => DateOnly.FromDayNumber(_in.ReadInt32());
    public string? Text() => _in.ReadBoolean() ? _in.ReadString() : null;
    public DateTimeOffset? MaybeInstant() => _in.ReadBoolean() ? Instant() : null;

    /// <summary>A count written before that many items, checked against what a sane snapshot holds.</summary>
    public int Count(int max = int.MaxValue) =>
        _in.ReadInt32() is var count && count >= 0 && count <= max && count <= length
            ? count : throw new InvalidDataException($"A count of {count} is out of range.");

    /// <summary>Whether the bytes <see cref="SnapshotWriter.Write(ReadOnlySpan{byte})"/> wrote are <paramref name="expected"/>.</summary>
    public bool Expect(ReadOnlySpan<byte> expected)
    {
        if (_in.ReadInt32() != expected.Length) return false;
        Span<byte> found = stackalloc byte[expected.Length];
        _in.BaseStream.ReadExactly(found);
        return found.SequenceEqual(expected);
    }

    public byte[] Bytes()
    {
        var length = Count();
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        _in.BaseStream.ReadExactly(bytes);
        return bytes;
    }

    public T[] Raw<T>() where T : unmanaged
    {
        var items = new T[Count((int)Math.Min(int.MaxValue, length / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()))];
        _in.BaseStream.ReadExactly(MemoryMarshal.AsBytes(items.AsSpan()));
        return items;
    }

    /// <summary>What <see cref="SnapshotWriter.Write(EventData)"/> wrote, as a stored event of <paramref name="stream"/> for its codec to decode.</summary>
    public RecordedEvent Stored(string stream) => new(stream, 0, 0, System.Guid.Empty, Text()!, Bytes(), default);

    /// <summary>A name shared by every list that holds it, as the log's decoder shares them.</summary>
    public string Name()
    {
        var name = _in.ReadString();
        if (_names.TryGetValue(name, out var known)) return known;
        _names[name] = name;
        return name;
    }

    public IReadOnlyList<string> List()
    {
        var index = _in.ReadInt32();
        if (index >= 0) return index < _lists.Count ? _lists[index] : throw new InvalidDataException($"No list {index} was written before.");
        var list = new string[Count()];
        for (var i = 0; i < list.Length; i++) list[i] = Name();
        _lists.Add(list);
        return list;
    }

    /// <summary>A shared object read before, by its id.</summary>
    public T Shared<T>(int id) where T : class =>
        id >= 0 && id < Read.Count && Read[id] is T known ? known : throw new InvalidDataException($"No {typeof(T).Name} {id} was read before.");

    public void Dispose() => _in.Dispose();
}
