using System.Runtime.InteropServices;

namespace Monitor.Collections;

/// <summary>
/// A sorted set kept as a list of sorted chunks of at most <see cref="ChunkSize"/> items: what the read models index a
/// million developments with. A <see cref="SortedSet{T}"/> spends a 48-byte node on each item and allocates one per
/// insert; here an item costs its own size, and the usual insert (after every other, as the log grows) appends to
/// the last chunk. Finding a place is a binary search over the chunks' last items, then within one chunk.
/// Not thread-safe: readers and writers share it under the read models' lock, and enumerating while it changes throws.
/// What <see cref="Take"/> gives a snapshot, though, may be read on any thread while the set goes on changing.
/// </summary>
public sealed class ChunkedSortedSet<T>(IComparer<T> comparer) : IReadOnlyCollection<T>
{
    // Small enough that an insert in the middle of a chunk moves little (a rebuild inserts a million items out of order
    // into the overlap index's 20-byte items), large enough that the list of chunks stays short.
    public const int ChunkSize = 128;

    private readonly List<Chunk> _chunks = [];
    private int _version;
    // Chunks are numbered as they are made; those numbered below this were taken by a snapshot, and are copied before
    // they change (see Own).
    private long _made, _takenBelow;

    private sealed class Chunk(long number) : List<T>(ChunkSize)
    {
        public long Number { get; } = number;
    }

    public ChunkedSortedSet() : this(Comparer<T>.Default)
    {
    }

    public int Count { get; private set; }

    /// <returns>False when an equal item is there already (it is kept).</returns>
    public bool Add(T item)
    {
        if (_chunks.Count == 0 || (_chunks[^1].Count == ChunkSize && comparer.Compare(_chunks[^1][^1], item) < 0))
        {
            // The log's usual order: after every item, and the last chunk is full (or there is none) — a new last chunk.
            _chunks.Add(new Chunk(_made++) { item });
            Changed(+1);
            return true;
        }
        var c = ChunkFor(item);
        var found = _chunks[c].BinarySearch(item, comparer);
        if (found >= 0) return false;
        var at = ~found;
        var chunk = Own(c);
        if (chunk.Count == ChunkSize)
        {
            var upper = new Chunk(_made++);
            upper.AddRange(CollectionsMarshal.AsSpan(chunk)[(ChunkSize / 2)..]);
            chunk.RemoveRange(ChunkSize / 2, ChunkSize / 2);
            _chunks.Insert(c + 1, upper);
            if (at > chunk.Count) (chunk, at) = (upper, at - chunk.Count);
        }
        chunk.Insert(at, item);
        Changed(+1);
        return true;
    }

    /// <summary>
    /// Fills this empty set with items already in order, in full chunks: a snapshot's run as it lies in the file, copied a
    /// chunk at a time.
    /// </summary>
    /// <exception cref="InvalidDataException">They are not in order.</exception>
    public void LoadSorted(ReadOnlySpan<T> items)
    {
        if (Count > 0) throw new InvalidOperationException("Only an empty set is loaded.");
        for (var i = 1; i < items.Length; i++)
        {
            if (comparer.Compare(items[i - 1], items[i]) >= 0) throw new InvalidDataException("Items to load are not in order.");
        }
        for (var at = 0; at < items.Length; at += ChunkSize)
        {
            var chunk = new Chunk(_made++);
            chunk.AddRange(items.Slice(at, Math.Min(ChunkSize, items.Length - at)));
            _chunks.Add(chunk);
        }
        Count = items.Length;
        _version++;
    }

    /// <returns>False when no equal item was there.</returns>
    public bool Remove(T item)
    {
        if (_chunks.Count == 0) return false;
        var c = ChunkFor(item);
        var found = _chunks[c].BinarySearch(item, comparer);
        if (found < 0) return false;
        var chunk = Own(c);
        chunk.RemoveAt(found);
        if (chunk.Count == 0) _chunks.RemoveAt(c);
        Changed(-1);
        return true;
    }

    /// <summary>
    /// Every item as it stands, least first, for a snapshot to write on another thread while this set goes on changing:
    /// the chunks are shared with it, and the set copies one before it next changes it. Taking a million items so costs
    /// a reference per chunk, where copying them took tens of milliseconds with writes held off.
    /// </summary>
    public Taken Take()
    {
        _takenBelow = _made;
        return new Taken([.. _chunks], Count);
    }

    /// <summary>What <see cref="Take"/> gives: the items, and the chunks they lie in, least first.</summary>
    public sealed class Taken : IReadOnlyCollection<T>
    {
        private readonly List<T>[] _taken;

        internal Taken(List<T>[] chunks, int count) => (_taken, Count) = (chunks, count);

        public int Count { get; }

        /// <summary>How many chunks hold the items: <see cref="Chunk"/> gives each.</summary>
        public int Chunks => _taken.Length;

        public ReadOnlySpan<T> Chunk(int index) => CollectionsMarshal.AsSpan(_taken[index]);

        public IEnumerator<T> GetEnumerator() => _taken.SelectMany(chunk => chunk).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Chunk <paramref name="c"/>, about to change: a copy of its own in its place if a snapshot took it.</summary>
    private Chunk Own(int c)
    {
        var chunk = _chunks[c];
        if (chunk.Number >= _takenBelow) return chunk;
        var copy = new Chunk(_made++);
        copy.AddRange(chunk);
        return _chunks[c] = copy;
    }

    /// <summary>Every item, greatest first.</summary>
    public IEnumerable<T> Descending()
    {
        if (_chunks.Count == 0) return [];
        return Descending(_chunks.Count - 1, _chunks[^1].Count - 1);
    }

    /// <summary>The items that sort at or before <paramref name="bound"/>, greatest first.</summary>
    public IEnumerable<T> DescendingFrom(T bound)
    {
        if (_chunks.Count == 0) return [];
        var c = ChunkFor(bound);
        var found = _chunks[c].BinarySearch(bound, comparer);
        return Descending(c, found >= 0 ? found : ~found - 1);
    }

    /// <summary>The items from <paramref name="low"/> to <paramref name="high"/>, both included, least first.</summary>
    public IEnumerable<T> Between(T low, T high)
    {
        if (_chunks.Count == 0) return [];
        var c = ChunkFor(low);
        var found = _chunks[c].BinarySearch(low, comparer);
        return Ascending(c, found >= 0 ? found : ~found, high);
    }

    public IEnumerator<T> GetEnumerator()
    {
        if (_chunks.Count == 0) return Enumerable.Empty<T>().GetEnumerator();
        return Ascending(0, 0, _chunks[^1][^1]).GetEnumerator();
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The first chunk whose last item sorts at or after <paramref name="item"/>; the last chunk when none does.</summary>
    private int ChunkFor(T item)
    {
        int low = 0, high = _chunks.Count - 1;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (comparer.Compare(_chunks[middle][^1], item) < 0) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private IEnumerable<T> Descending(int chunk, int index)
    {
        var version = _version;
        for (var c = chunk; c >= 0; c--)
        {
            for (var i = c == chunk ? index : _chunks[c].Count - 1; i >= 0; i--)
            {
                yield return _chunks[c][i];
                Unchanged(version);
            }
        }
    }

    private IEnumerable<T> Ascending(int chunk, int index, T high)
    {
        var version = _version;
        for (var c = chunk; c < _chunks.Count; c++)
        {
            for (var i = c == chunk ? index : 0; i < _chunks[c].Count; i++)
            {
                var item = _chunks[c][i];
                if (comparer.Compare(item, high) > 0) yield break;
                yield return item;
                Unchanged(version);
            }
        }
    }

    private void Changed(int by)
    {
        Count += by;
        _version++;
    }

    private void Unchanged(int version)
    {
        if (version != _version) throw new InvalidOperationException("The set changed while it was being enumerated.");
    }
}
