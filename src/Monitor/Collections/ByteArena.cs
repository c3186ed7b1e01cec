using Monitor.Projections.Snapshots;

namespace Monitor.Collections;

/// <summary>
/// Runs of bytes kept in large shared chunks rather than one array each: what the development list keeps its million
/// packed texts in. Each small array was an object the collector copied from generation to generation while a rebuild
/// ran; a chunk is allocated once on the large object heap and never moved.
/// A run lives as long as its arena: one replaced (a development's facts restated after a correction or an added source)
/// stays until the arena goes, which costs only those developments' earlier text.
/// </summary>
public sealed class ByteArena
{
    // Large enough to land on the large object heap (over 85,000 bytes), small enough that a chunk's unused tail is noise.
    public const int ChunkSize = 1 << 20;

    private readonly Lock _gate = new();
    private readonly List<byte[]> _chunks = [];
    private byte[] _chunk = [];
    private int _used;

    /// <summary>Bytes taken from chunks so far, including the unused tails of full chunks.</summary>
    public long Reserved { get; private set; }

    /// <summary>
    /// A fresh run of <paramref name="size"/> bytes for the caller to fill before it shares it. Runs taken earlier are
    /// never moved nor written again, so readers may read them while another run is taken.
    /// </summary>
    public Memory<byte> Take(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        lock (_gate)
        {
            if (size > _chunk.Length - _used)
            {
                // A run larger than a chunk gets a chunk of its own.
                _chunk = GC.AllocateUninitializedArray<byte>(Math.Max(ChunkSize, size));
                _chunks.Add(_chunk);
                _used = 0;
                Reserved += _chunk.Length;
            }
            var run = _chunk.AsMemory(_used, size);
            _used += size;
            return run;
        }
    }

    /// <summary>Writes every chunk as it is, each a shared object of the snapshot that the runs in it are written against.</summary>
    public void Save(SnapshotWriter to)
    {
        lock (_gate)
        {
            to.Write(_chunks.Count);
            foreach (var chunk in _chunks)
            {
                to.Written[chunk] = to.Written.Count;
                to.Write(chunk);
            }
            to.Write(_used);
        }
    }

    public static ByteArena Load(SnapshotReader from)
    {
        var arena = new ByteArena();
        var count = from.Count();
        for (var i = 0; i < count; i++)
        {
            var chunk = from.Bytes();
            from.Read.Add(chunk);
            arena._chunks.Add(chunk);
            arena.Reserved += chunk.Length;
        }
        arena._chunk = count > 0 ? arena._chunks[^1] : [];
        arena._used = from.Int() is var used && used >= 0 && used <= arena._chunk.Length ? used : throw new InvalidDataException("The arena's last chunk is overfull.");
        return arena;
    }
}
