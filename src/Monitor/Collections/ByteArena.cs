using System.Buffers;
using System.Runtime.InteropServices;
using Monitor.Projections.Snapshots;

namespace Monitor.Collections;

/// <summary>
/// Runs of bytes kept in large shared chunks rather than one array each: what the development list keeps its million
/// packed texts in. Each small array was an object the collector copied from generation to generation while a rebuild
/// ran; a chunk is allocated once on the large object heap and never moved.
/// A run lives as long as its arena: one replaced (a development's facts restated after a correction or an added source)
/// stays until the arena goes, which costs only those developments' earlier text. An arena loaded from a snapshot keeps
/// the chunks it had where they lie in the mapped file, and takes new runs from chunks of its own.
/// </summary>
public sealed class ByteArena
{
    // Large enough to land on the large object heap (over 85,000 bytes), small enough that a chunk's unused tail is noise.
    public const int ChunkSize = 1 << 20;

    private readonly Lock _gate = new();
    private readonly List<Memory<byte>> _chunks = [];
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

    /// <summary>
    /// Writes every chunk's bytes as they are, each under an id the runs in it are written against (see
    /// <see cref="Locate"/>).
    /// </summary>
    public void Save(SnapshotWriter to)
    {
        lock (_gate)
        {
            to.Write(_chunks.Count);
            foreach (var chunk in _chunks)
            {
                var identity = Identity(chunk);
                to.Chunks[identity] = to.Chunks.Count;
                to.Write(identity == _chunk ? chunk.Span[.._used] : chunk.Span); // the current chunk's tail is not filled yet
            }
        }
    }

    /// <summary>
    /// The chunks a snapshot holds, left where they are in its mapped file: only their runs are ever read, and only
    /// when a development is shown. Runs taken from now on go to new chunks.
    /// </summary>
    public static ByteArena Load(SnapshotReader from)
    {
        var arena = new ByteArena();
        var count = from.Count();
        for (var i = 0; i < count; i++)
        {
            var chunk = from.InPlace();
            from.Chunks.Add(chunk);
            arena._chunks.Add(chunk);
            arena.Reserved += chunk.Length;
        }
        return arena;
    }

    /// <summary>Which chunk a run lies in (its id in <paramref name="to"/>), and where in it.</summary>
    public static (int Chunk, int Offset, int Length) Locate(ReadOnlyMemory<byte> run, SnapshotWriter to)
    {
        var (chunk, offset) = MemoryMarshal.TryGetArray(run, out var segment) ? ((object?)segment.Array, segment.Offset)
            : MemoryMarshal.TryGetMemoryManager<byte, MemoryManager<byte>>(run, out var manager, out var start, out _) ? (manager, start)
            : (null, 0);
        if (chunk is null || !to.Chunks.TryGetValue(chunk, out var id))
            throw new InvalidOperationException("Only runs of the arena written before them are snapshotted.");
        return (id, offset, run.Length);
    }

    /// <summary>What a run of the chunk is recognised by: its array, or the mapped region it lies in.</summary>
    private static object Identity(Memory<byte> chunk) =>
        MemoryMarshal.TryGetArray<byte>(chunk, out var segment) ? segment.Array!
            : MemoryMarshal.TryGetMemoryManager<byte, MemoryManager<byte>>(chunk, out var manager) ? manager
            : throw new InvalidOperationException("A chunk is neither an array nor a mapped region.");
}
