using System.Runtime.InteropServices;

namespace Monitor.Collections;

/// <summary>
/// A sorted set kept as a list of sorted chunks of at most <see cref="ChunkSize"/> items: what the read models index a
/// million developments with. A <see cref="SortedSet{T}"/> spends a 48-byte node on each item and allocates one per
/// insert; here an item costs its own size, and the usual insert (after every other, as the log grows) appends to
/// the last chunk. Finding a place is a binary search over the chunks' last items, then within one chunk.
/// Not thread-safe: readers and writers share it under the read models' lock, and enumerating while it changes throws.
/// What <see cref="Take"/> gives a snapshot, though, may be read on any thread while the set goes on changing, and a set
/// loaded from a snapshot reads its items where they lie in the file until it changes them (<see cref="LoadSorted"/>).
/// </summary>
public sealed class ChunkedSortedSet<T>(IComparer<T> comparer) : IReadOnlyCollection<T>
{
    // Small enough that an insert in the middle of a chunk moves little (a rebuild inserts a million items out of order
    // into the overlap index's 20-byte items), large enough that the list of chunks stays short.
    public const int ChunkSize = 128;

    private readonly List<Chunk> _chunks = [];
    // Each chunk's last item, side by side: finding a chunk searches these rather than going through every chunk
    // probed to its items, which made that search most of an insert's cost over a million items.
    private readonly List<T> _lasts = [];
    private int _version;
    // Chunks are numbered as they are made; those numbered below this were taken by a snapshot or loaded from one, and
    // are copied before they change (see Own).
    private long _made, _takenBelow;

    /// <summary>Items in order: a list of this set's own, or where a snapshot's run lies (never written).</summary>
    internal sealed class Chunk
    {
        private readonly List<T>? _own;
        private readonly ReadOnlyMemory<T> _lying;

        public Chunk(long number, ReadOnlySpan<T> items)
        {
            Number = number;
            _own = new List<T>(ChunkSize);
            _own.AddRange(items);
        }

        public Chunk(long number, ReadOnlyMemory<T> lying) => (Number, _lying) = (number, lying);

        public long Number { get; }

        public ReadOnlySpan<T> Items => _own is null ? _lying.Span : CollectionsMarshal.AsSpan(_own);

        /// <summary>The items to change: only a chunk of this set's own (see <see cref="ChunkedSortedSet{T}.Own"/>), never one lying in a snapshot.</summary>
        public List<T> Owned => _own ?? throw new InvalidOperationException("A chunk loaded from a snapshot is copied before it changes.");
    }

    public ChunkedSortedSet() : this(Comparer<T>.Default)
    {
    }

    public int Count { get; private set; }

    /// <returns>False when an equal item is there already (it is kept).</returns>
    public bool Add(T item)
    {
        if (_chunks.Count == 0 || (_chunks[^1].Items.Length == ChunkSize && comparer.Compare(_chunks[^1].Items[^1], item) < 0))
        {
            // The log's usual order: after every item, and the last chunk is full (or there is none) — a new last chunk.
            _chunks.Add(new Chunk(_made++, [item]));
            _lasts.Add(item);
            Changed(+1);
            return true;
        }
        // Most inserts land in the last chunk, the log's dates moving on: one comparison finds it, rather than a search.
        var c = _chunks.Count == 1 || comparer.Compare(_lasts[^2], item) < 0 ? _chunks.Count - 1 : ChunkFor(item);
        var found = _chunks[c].Items.BinarySearch(item, comparer);
        if (found >= 0) return false;
        var at = ~found;
        var chunk = Own(c);
        if (chunk.Count == ChunkSize)
        {
            var upper = new Chunk(_made++, CollectionsMarshal.AsSpan(chunk)[(ChunkSize / 2)..]);
            chunk.RemoveRange(ChunkSize / 2, ChunkSize / 2);
            _chunks.Insert(c + 1, upper);
            _lasts.Insert(c + 1, upper.Items[^1]);
            _lasts[c] = chunk[^1];
            if (at > chunk.Count) (chunk, at, c) = (upper.Owned, at - chunk.Count, c + 1);
        }
        chunk.Insert(at, item);
        _lasts[c] = chunk[^1];
        Changed(+1);
        return true;
    }

    /// <summary>
    /// Fills this empty set with items already in order, in full chunks: a snapshot's run, read where it lies in the file
    /// and copied a chunk at a time only when a change comes to that chunk. Copying the whole run took the development
    /// list's two sets 0.3-0.4 s of a restart over a million developments, most of it on the thread a restart waits for.
    /// </summary>
    /// <param name="items">Never written: they may lie in a read-only mapping, which must outlive this set.</param>
    /// <exception cref="InvalidDataException">They are not in order.</exception>
    public void LoadSorted(ReadOnlyMemory<T> items)
    {
        if (Count > 0) throw new InvalidOperationException("Only an empty set is loaded.");
        var span = items.Span;
        for (var i = 1; i < span.Length; i++)
        {
            if (comparer.Compare(span[i - 1], span[i]) >= 0) throw new InvalidDataException("Items to load are not in order.");
        }
        for (var at = 0; at < items.Length; at += ChunkSize)
        {
            var chunk = new Chunk(_made++, items.Slice(at, Math.Min(ChunkSize, items.Length - at)));
            _chunks.Add(chunk);
            _lasts.Add(chunk.Items[^1]);
        }
        _takenBelow = _made;
        Count = items.Length;
        _version++;
    }

    /// <returns>False when no equal item was there.</returns>
    public bool Remove(T item)
    {
        if (_chunks.Count == 0) return false;
        var c = ChunkFor(item);
        var found = _chunks[c].Items.BinarySearch(item, comparer);
        if (found < 0) return false;
        var chunk = Own(c);
        chunk.RemoveAt(found);
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(c);
            _lasts.RemoveAt(c);
        }
        else _lasts[c] = chunk[^1];
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
        private readonly Chunk[] _taken;

        internal Taken(Chunk[] chunks, int count) => (_taken, Count) = (chunks, count);

        public int Count { get; }

        /// <summary>How many chunks hold the items: <see cref="Chunk"/> gives each.</summary>
        public int Chunks => _taken.Length;

        public ReadOnlySpan<T> Chunk(int index) => _taken[index].Items;

        public IEnumerator<T> GetEnumerator()
        {
            foreach (var chunk in _taken)
            {
                for (var i = 0; i < chunk.Items.Length; i++) yield return chunk.Items[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The items of chunk <paramref name="c"/>, about to change: a copy of its own in its place if a snapshot took it or it lies in one.</summary>
    private List<T> Own(int c)
    {
        var chunk = _chunks[c];
        if (chunk.Number >= _takenBelow) return chunk.Owned;
        return (_chunks[c] = new Chunk(_made++, chunk.Items)).Owned;
    }

    /// <summary>Every item, greatest first.</summary>
    public IEnumerable<T> Descending()
    {
        if (_chunks.Count == 0) return [];
        return Descending(_chunks.Count - 1, _chunks[^1].Items.Length - 1);
    }

    /// <summary>The items that sort at or before <paramref name="bound"/>, greatest first.</summary>
    public IEnumerable<T> DescendingFrom(T bound)
    {
        if (_chunks.Count == 0) return [];
        var c = ChunkFor(bound);
        var found = _chunks[c].Items.BinarySearch(bound, comparer);
        return Descending(c, found >= 0 ? found : ~found - 1);
    }

    /// <summary>The items from <paramref name="low"/> to <paramref name="high"/>, both included, least first.</summary>
    public IEnumerable<T> Between(T low, T high)
    {
        if (_chunks.Count == 0) return [];
        var c = ChunkFor(low);
        var found = _chunks[c].Items.BinarySearch(low, comparer);
        return Ascending(c, found >= 0 ? found : ~found, high);
    }

    public IEnumerator<T> GetEnumerator()
    {
        if (_chunks.Count == 0) return Enumerable.Empty<T>().GetEnumerator();
        return Ascending(0, 0, _chunks[^1].Items[^1]).GetEnumerator();
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The first chunk whose last item sorts at or after <paramref name="item"/>; the last chunk when none does.</summary>
    private int ChunkFor(T item)
    {
        var lasts = CollectionsMarshal.AsSpan(_lasts);
        int low = 0, high = lasts.Length - 1;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (comparer.Compare(lasts[middle], item) < 0) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private IEnumerable<T> Descending(int chunk, int index)
    {
        var version = _version;
        for (var c = chunk; c >= 0; c--)
        {
            for (var i = c == chunk ? index : _chunks[c].Items.Length - 1; i >= 0; i--)
            {
                yield return _chunks[c].Items[i];
                Unchanged(version);
            }
        }
    }

    private IEnumerable<T> Ascending(int chunk, int index, T high)
    {
        var version = _version;
        for (var c = chunk; c < _chunks.Count; c++)
        {
            for (var i = c == chunk ? index : 0; i < _chunks[c].Items.Length; i++)
            {
                var item = _chunks[c].Items[i];
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
