using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Monitor.Projections.Snapshots;

namespace Monitor.Collections;

/// <summary>
/// 64-bit hashes, each leading to places in a list (ordinals): how the development list finds a development by its id
/// or by a duplicate key. One flat array of hashes and slots with linear probing, where a dictionary holding the
/// developments kept an entry with a reference for each: nothing here for the collector to trace, and a snapshot writes
/// the array as its bytes, and a start reads it where it lies in the file (<see cref="SharedPages{T}"/>). At a million
/// developments, building the two dictionaries was over a second of a restart's load, and copying the arrays out of the
/// file 0.4 s of its processor time.
/// </summary>
/// <remarks>
/// A hash may lead to several ordinals (<see cref="Add"/>); the caller tells them apart, as two ids or two keys may
/// share a hash. Not thread-safe: it is read and written under the read models' lock.
/// </remarks>
public sealed class HashedOrdinals
{
    private const int LeastCapacity = 16;

    // Each hash beside its slot, so that a probe takes one cache line where two arrays took two: a rebuild probes at
    // random a few times per development, in tables far larger than the cache.
    private SharedPages<Entry> _entries;

    public HashedOrdinals() : this(new SharedPages<Entry>(LeastCapacity), 0)
    {
    }

    private HashedOrdinals(SharedPages<Entry> entries, int count) => (_entries, Count) = (entries, count);

    public int Count { get; private set; }

    /// <inheritdoc cref="SharedPages{T}.BytesOutsideHeap"/>
    public long BytesOutsideHeap => _entries.BytesOutsideHeap;

    /// <summary>Leads <paramref name="hash"/> to <paramref name="ordinal"/> too, beside any ordinal it leads to already.</summary>
    public void Add(ulong hash, int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        // At most half full: a search stops at the first empty slot, a couple of slots on.
        if (2 * (Count + 1) > _entries.Length) Grow();
        _entries[Empty(hash)] = new Entry(hash, ordinal + 1);
        Count++;
    }

    /// <summary>Leads <paramref name="hash"/> to <paramref name="ordinal"/> unless it leads somewhere already.</summary>
    /// <returns>Whether it was added.</returns>
    public bool TryAdd(ulong hash, int ordinal)
    {
        if (First(hash) >= 0) return false;
        Add(hash, ordinal);
        return true;
    }

    /// <summary>The first ordinal <paramref name="hash"/> leads to; -1 for none.</summary>
    public int First(ulong hash)
    {
        foreach (var ordinal in OrdinalsOf(hash)) return ordinal;
        return -1;
    }

    /// <summary>
    /// Starts bringing the slot <paramref name="hash"/> is first looked for in into the cache, for a look soon after: a
    /// rebuild's probes land at random in tables far larger than the cache, and each waited on memory (16 % of the applying
    /// thread's time; 6 % with the next event's slots prefetched while one is applied).
    /// </summary>
    public void Prefetch(ulong hash) => _entries.Prefetch(Home(hash));

    /// <summary>Every ordinal <paramref name="hash"/> leads to.</summary>
    public Probe OrdinalsOf(ulong hash) => new(this, hash);

    /// <summary>Stops <paramref name="hash"/> leading to <paramref name="ordinal"/>.</summary>
    /// <returns>Whether it led there.</returns>
    public bool Remove(ulong hash, int ordinal)
    {
        var mask = _entries.Length - 1;
        for (var at = Home(hash); _entries[at] is { Slot: not 0 } entry; at = (at + 1) & mask)
        {
            if (entry.Hash != hash || entry.Slot != ordinal + 1) continue;
            Vacate(at);
            Count--;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Takes the table as it stands, writes held off, and returns what writes it so once they go on again. Nothing is
    /// copied now: the pages are shared with the snapshot, and a write copies a page before it changes it. Copying the
    /// whole table took a million developments' snapshot 0.2 s, and writing it to the file up to 0.16 s, with writes
    /// held off.
    /// </summary>
    public Action<SnapshotWriter> Capture()
    {
        var pages = _entries.Share();
        return to =>
        {
            to.BeginRawRun(pages.Sum(page => page.Length));
            foreach (var page in pages) to.WriteRawPart(page.Span);
        };
    }

    /// <summary>Where <see cref="Capture"/> wrote a table, left in place for now: a step the reader takes at once.</summary>
    public static InFile Locate(SnapshotReader from) => new(from.RawInPlace<Entry>());

    /// <summary>A table as <see cref="Capture"/> wrote it, in the mapped file: <see cref="Load"/> can run on another thread.</summary>
    public readonly struct InFile(Memory<Entry> entries)
    {
        /// <summary>The table, left where it lies in the file, for a list of <paramref name="listed"/> items.</summary>
        /// <exception cref="InvalidDataException">It is not a table this class makes, or leads outside the list.</exception>
        public HashedOrdinals Load(int listed)
        {
            if (entries.Length < LeastCapacity || !int.IsPow2(entries.Length))
                throw new InvalidDataException($"A hash table of {entries.Length} slots is not one this program makes.");
            var count = 0;
            foreach (var (_, slot) in entries.Span)
            {
                if (slot == 0) continue;
                if ((uint)(slot - 1) >= (uint)listed) throw new InvalidDataException($"A hash leads to item {slot - 1} of {listed}.");
                count++;
            }
            if (2 * count > entries.Length) throw new InvalidDataException("A hash table is fuller than this program lets one be.");
            return new HashedOrdinals(new SharedPages<Entry>(entries), count);
        }
    }

    /// <summary>Walks the slots from a hash's home to the first empty one, yielding the ordinals stored under that hash.</summary>
    public ref struct Probe
    {
        private readonly HashedOrdinals _table;
        private readonly ulong _hash;
        private int _at;
        private bool _started;

        internal Probe(HashedOrdinals table, ulong hash) => (_table, _hash, _at) = (table, hash, table.Home(hash));

        public readonly Probe GetEnumerator() => this;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            var (entries, mask) = (_table._entries, _table._entries.Length - 1);
            if (_started) _at = (_at + 1) & mask;
            _started = true;
            for (; entries[_at] is { Slot: not 0 } entry; _at = (_at + 1) & mask)
            {
                if (entry.Hash != _hash) continue;
                Current = entry.Slot - 1;
                return true;
            }
            return false;
        }
    }

    // Fibonacci hashing: the top bits of the product, so hashes that differ only in their low bits still spread.
    private int Home(ulong hash) => (int)((hash * 0x9E3779B97F4A7C15UL) >> (64 - int.Log2(_entries.Length)));

    private int Empty(ulong hash)
    {
        var mask = _entries.Length - 1;
        var at = Home(hash);
        while (_entries[at].Slot != 0) at = (at + 1) & mask;
        return at;
    }

    /// <summary>
    /// Empties a slot, moving back each entry after it that could not otherwise be found from its home (no tombstones,
    /// so a table that sees many removals probes no further for them).
    /// </summary>
    private void Vacate(int hole)
    {
        var mask = _entries.Length - 1;
        for (var at = (hole + 1) & mask; _entries[at] is { Slot: not 0 } entry; at = (at + 1) & mask)
        {
            var home = Home(entry.Hash);
            // The entry at `at` may move to the hole unless its home lies cyclically after the hole, up to `at`.
            var stays = hole <= at ? home > hole && home <= at : home > hole || home <= at;
            if (stays) continue;
            _entries[hole] = entry;
            hole = at;
        }
        _entries[hole] = default;
    }

    /// <summary>Makes room for <paramref name="count"/> entries in all, so that adding up to them never grows the table.</summary>
    public void Reserve(int count)
    {
        // At most half full, as Add keeps it; and a power of two no larger than an array's.
        var length = (int)Math.Min(BitOperations.RoundUpToPowerOf2((ulong)Math.Max(count, LeastCapacity / 2) * 2), 1UL << 30);
        if (length > _entries.Length) Resize(length);
    }

    private void Grow() => Resize(_entries.Length * 2);

    // Run a few times in all, each a long loop: compiled optimized at once, not first as a quick, slow tier whose
    // calls into the pages are not inlined (a rebuild's growing tables spent 0.4 s there).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Resize(int length)
    {
        var entries = _entries;
        _entries = new SharedPages<Entry>(length);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i] is { Slot: not 0 } entry) _entries[Empty(entry.Hash)] = entry;
        }
    }

    /// <summary>A hash and where it leads: the ordinal + 1, so that a new table is all empty slots (0).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)] // 12 bytes, not 16: a snapshot writes the table as it is
    public readonly record struct Entry(ulong Hash, int Slot);
}
