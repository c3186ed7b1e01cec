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
    // A huge page (see FreshChunk{T}), small enough that a chunk's unused tail is noise.
    public const int ChunkSize = 2 << 20;

    private readonly Lock _gate = new();
    private readonly List<Memory<byte>> _chunks = [];
    // The chunk runs are taken from, and what it is recognised by (see Identity).
    private Memory<byte> _chunk;
    private object? _current;
    private int _used;
    // A chunk made ready for when the current one is full (see Prepare): none when empty.
    private Memory<byte> _ready;

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
                (_chunk, _ready) = size <= ChunkSize && !_ready.IsEmpty ? (_ready, default) : (FreshChunk<byte>.Allocate(Math.Max(ChunkSize, size)), _ready);
                _current = Identity(_chunk);
                _chunks.Add(_chunk);
                _used = 0;
                Reserved += _chunk.Length;
            }
            var run = _chunk.Slice(_used, size);
            _used += size;
            return run;
        }
    }

    /// <summary>
    /// Makes the chunk that runs are taken from next ready, each of its pages written once, unless one is ready already:
    /// for a thread with time to spare. During a rebuild the reading threads take the runs, and the first write to each
    /// fresh page (the kernel clearing it) cost them about 0.45 s per million developments when a single reader set the
    /// pace. The applying thread calls this; with two readers, leaving it to them was no faster.
    /// </summary>
    public void Prepare()
    {
        lock (_gate)
        {
            if (!_ready.IsEmpty) return;
        }
        var chunk = FreshChunk<byte>.Allocate(ChunkSize);
        var span = chunk.Span;
        for (var at = 0; at < span.Length; at += 4096) span[at] = 0; // outside the lock: runs are taken meanwhile
        lock (_gate)
        {
            if (_ready.IsEmpty) _ready = chunk;
        }
    }

    /// <summary>Whether <paramref name="run"/> lies in one of this arena's chunks.</summary>
    public bool Holds(ReadOnlyMemory<byte> run)
    {
        var chunk = Identity(run);
        lock (_gate)
        {
            if (chunk == _current) return true;
            for (var i = _chunks.Count - 1; i >= 0; i--) // the run is most likely in one of the latest
            {
                if (Identity(_chunks[i]) == chunk) return true;
            }
            return false;
        }
    }

    /// <summary>How far the arena was filled at a moment: what a snapshot wrote before it held writes off.</summary>
    /// <param name="LastWasCurrent">Whether runs were still being taken from the last chunk, up to <paramref name="Used"/>.</param>
    public readonly record struct Filled(int Chunks, int Used, bool LastWasCurrent);

    /// <summary>
    /// Writes every run taken so far, each chunk under an id the runs in it are written against (see <see cref="Locate"/>).
    /// Those runs never change, so this needs nothing held but a moment of the arena's own lock: writes go on meanwhile,
    /// and <see cref="SaveSince"/> adds what they took.
    /// </summary>
    public Filled SaveFilled(SnapshotWriter to)
    {
        Memory<byte>[] chunks;
        Filled filled;
        lock (_gate)
        {
            chunks = [.. _chunks];
            filled = new Filled(chunks.Length, _used, chunks.Length > 0 && Identity(chunks[^1]) == _current);
        }
        to.Write(chunks.Length);
        for (var i = 0; i < chunks.Length; i++)
        {
            to.Chunks[Identity(chunks[i])] = to.Chunks.Count;
            to.Write(filled.LastWasCurrent && i == chunks.Length - 1 ? chunks[i].Span[..filled.Used] : chunks[i].Span);
        }
        return filled;
    }

    /// <summary>
    /// Writes the runs taken since <see cref="SaveFilled"/>: the rest of the chunk it ended in, as a chunk of its own in
    /// the snapshot (no run lies across the two), then the chunks begun since. The caller holds writes off.
    /// </summary>
    public void SaveSince(SnapshotWriter to, Filled filled)
    {
        lock (_gate)
        {
            to.Write(filled.LastWasCurrent);
            if (filled.LastWasCurrent)
            {
                var last = _chunks[filled.Chunks - 1];
                var identity = Identity(last);
                var end = identity == _current ? _used : last.Length;
                to.ChunkRests[identity] = (to.Chunks.Count, filled.Used);
                to.Chunks[new object()] = to.Chunks.Count; // the rest's id, found through ChunkRests
                to.Write(last.Span[filled.Used..end]);
            }
            to.Write(_chunks.Count - filled.Chunks);
            for (var i = filled.Chunks; i < _chunks.Count; i++)
            {
                var identity = Identity(_chunks[i]);
                to.Chunks[identity] = to.Chunks.Count;
                to.Write(identity == _current ? _chunks[i].Span[.._used] : _chunks[i].Span); // the current chunk's tail is not filled yet
            }
        }
    }

    /// <summary>
    /// The chunks <see cref="SaveFilled"/> wrote, left where they are in the snapshot's mapped file: only their runs are ever
    /// read, and only when a development is shown. Runs taken from now on go to new chunks.
    /// </summary>
    public static ByteArena LoadFilled(SnapshotReader from)
    {
        var arena = new ByteArena();
        arena.LoadChunks(from, from.Count());
        return arena;
    }

    /// <summary>Adds the chunks <see cref="SaveSince"/> wrote.</summary>
    public void LoadSince(SnapshotReader from)
    {
        LoadChunks(from, from.Bool() ? 1 : 0);
        LoadChunks(from, from.Count());
    }

    private void LoadChunks(SnapshotReader from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var chunk = from.InPlace();
            from.Chunks.Add(chunk);
            _chunks.Add(chunk);
            Reserved += chunk.Length;
        }
    }

    /// <summary>Which chunk a run lies in (its id in <paramref name="to"/>), and where in it.</summary>
    public static (int Chunk, int Offset, int Length) Locate(ReadOnlyMemory<byte> run, SnapshotWriter to)
    {
        var (chunk, offset) = MemoryMarshal.TryGetArray(run, out var segment) ? ((object?)segment.Array, segment.Offset)
            : MemoryMarshal.TryGetMemoryManager<byte, MemoryManager<byte>>(run, out var manager, out var start, out _) ? (manager, start)
            : (null, 0);
        if (chunk is null || !to.Chunks.TryGetValue(chunk, out var id))
            throw new InvalidOperationException("Only runs of the arena written before them are snapshotted.");
        return to.ChunkRests.TryGetValue(chunk, out var rest) && offset >= rest.From
            ? (rest.Id, offset - rest.From, run.Length) : (id, offset, run.Length);
    }

    /// <summary>What a run of the chunk is recognised by: its array, or the memory (mapped file or fresh chunk) it lies in.</summary>
    private static object Identity(ReadOnlyMemory<byte> chunk) =>
        MemoryMarshal.TryGetArray<byte>(chunk, out var segment) ? segment.Array!
            : MemoryMarshal.TryGetMemoryManager<byte, MemoryManager<byte>>(chunk, out var manager) ? manager
            : throw new InvalidOperationException("A chunk is neither an array nor a mapped region.");
}
