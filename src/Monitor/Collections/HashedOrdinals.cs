using Monitor.Projections.Snapshots;

namespace Monitor.Collections;

/// <summary>
/// 64-bit hashes, each leading to places in a list (ordinals): how the development list finds a development by its id
/// or by a duplicate key. Two flat arrays with linear probing, where a dictionary holding the developments kept an
/// entry with a reference for each: nothing here for the collector to trace, and a snapshot writes the arrays as their
/// bytes, and a start reads them where they lie in the file (<see cref="SharedPages{T}"/>). At a million developments,
/// building the two dictionaries was over a second of a restart's load, and copying the arrays out of the file 0.4 s
/// of its processor time.
/// </summary>
/// <remarks>
/// A hash may lead to several ordinals (<see cref="Add"/>); the caller tells them apart, as two ids or two keys may
/// share a hash. Not thread-safe: it is read and written under the read models' lock.
/// </remarks>
public sealed class HashedOrdinals
{
    private const int LeastCapacity = 16;

    private SharedPages<ulong> _hashes;
    // The ordinal + 1, so that a new array is all empty slots (0).
    private SharedPages<int> _slots;

    public HashedOrdinals() : this(new SharedPages<ulong>(LeastCapacity), new SharedPages<int>(LeastCapacity), 0)
    {
    }

    private HashedOrdinals(SharedPages<ulong> hashes, SharedPages<int> slots, int count) => (_hashes, _slots, Count) = (hashes, slots, count);

    public int Count { get; private set; }

    /// <summary>Leads <paramref name="hash"/> to <paramref name="ordinal"/> too, beside any ordinal it leads to already.</summary>
    public void Add(ulong hash, int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        // At most half full: a search stops at the first empty slot, a couple of slots on.
        if (2 * (Count + 1) > _slots.Length) Grow();
        var at = Empty(hash);
        (_hashes[at], _slots[at]) = (hash, ordinal + 1);
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

    /// <summary>Every ordinal <paramref name="hash"/> leads to.</summary>
    public Probe OrdinalsOf(ulong hash) => new(this, hash);

    /// <summary>Stops <paramref name="hash"/> leading to <paramref name="ordinal"/>.</summary>
    /// <returns>Whether it led there.</returns>
    public bool Remove(ulong hash, int ordinal)
    {
        var mask = _slots.Length - 1;
        for (var at = Home(hash); _slots[at] != 0; at = (at + 1) & mask)
        {
            if (_hashes[at] != hash || _slots[at] != ordinal + 1) continue;
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
        var (hashes, slots) = (_hashes.Share(), _slots.Share());
        return to =>
        {
            Write(to, hashes);
            Write(to, slots);
        };

        static void Write<T>(SnapshotWriter to, IReadOnlyList<ReadOnlyMemory<T>> pages) where T : unmanaged
        {
            to.BeginRawRun(pages.Sum(page => page.Length));
            foreach (var page in pages) to.WriteRawPart(page.Span);
        }
    }

    /// <summary>Where <see cref="Capture"/> wrote a table, left in place for now: a step the reader takes at once.</summary>
    public static InFile Locate(SnapshotReader from) => new(from.RawInPlace<ulong>(), from.RawInPlace<int>());

    /// <summary>A table as <see cref="Capture"/> wrote it, in the mapped file: <see cref="Load"/> can run on another thread.</summary>
    public readonly struct InFile(Memory<ulong> hashes, Memory<int> slots)
    {
        /// <summary>The table, left where it lies in the file, for a list of <paramref name="listed"/> items.</summary>
        /// <exception cref="InvalidDataException">It is not a table this class makes, or leads outside the list.</exception>
        public HashedOrdinals Load(int listed)
        {
            if (slots.Length != hashes.Length || slots.Length < LeastCapacity || !int.IsPow2(slots.Length))
                throw new InvalidDataException($"A hash table of {hashes.Length} hashes and {slots.Length} slots is not one this program makes.");
            var count = 0;
            foreach (var slot in slots.Span)
            {
                if (slot == 0) continue;
                if ((uint)(slot - 1) >= (uint)listed) throw new InvalidDataException($"A hash leads to item {slot - 1} of {listed}.");
                count++;
            }
            if (2 * count > slots.Length) throw new InvalidDataException("A hash table is fuller than this program lets one be.");
            return new HashedOrdinals(new SharedPages<ulong>(hashes), new SharedPages<int>(slots), count);
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
            var (hashes, slots, mask) = (_table._hashes, _table._slots, _table._slots.Length - 1);
            if (_started) _at = (_at + 1) & mask;
            _started = true;
            for (; slots[_at] != 0; _at = (_at + 1) & mask)
            {
                if (hashes[_at] != _hash) continue;
                Current = slots[_at] - 1;
                return true;
            }
            return false;
        }
    }

    // Fibonacci hashing: the top bits of the product, so hashes that differ only in their low bits still spread.
    private int Home(ulong hash) => (int)((hash * 0x9E3779B97F4A7C15UL) >> (64 - int.Log2(_slots.Length)));

    private int Empty(ulong hash)
    {
        var mask = _slots.Length - 1;
        var at = Home(hash);
        while (_slots[at] != 0) at = (at + 1) & mask;
        return at;
    }

    /// <summary>
    /// Empties a slot, moving back each entry after it that could not otherwise be found from its home (no tombstones,
    /// so a table that sees many removals probes no further for them).
    /// </summary>
    private void Vacate(int hole)
    {
        var mask = _slots.Length - 1;
        for (var at = (hole + 1) & mask; _slots[at] != 0; at = (at + 1) & mask)
        {
            var home = Home(_hashes[at]);
            // The entry at `at` may move to the hole unless its home lies cyclically after the hole, up to `at`.
            var stays = hole <= at ? home > hole && home <= at : home > hole || home <= at;
            if (stays) continue;
            (_hashes[hole], _slots[hole]) = (_hashes[at], _slots[at]);
            hole = at;
        }
        (_hashes[hole], _slots[hole]) = (0, 0);
    }

    private void Grow()
    {
        var (hashes, slots) = (_hashes, _slots);
        (_hashes, _slots) = (new SharedPages<ulong>(slots.Length * 2), new SharedPages<int>(slots.Length * 2));
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] == 0) continue;
            var at = Empty(hashes[i]);
            (_hashes[at], _slots[at]) = (hashes[i], slots[i]);
        }
    }
}
