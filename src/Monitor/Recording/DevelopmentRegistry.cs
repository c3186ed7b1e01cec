using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Monitor.Collections;
using Monitor.Projections.Snapshots;

namespace Monitor.Recording;

/// <summary>
/// The development list read model: every development by id and in date order, and the duplicate
/// keys of the live ones, which is what recording decisions consult.
/// </summary>
public sealed class DevelopmentRegistry : IKnownDevelopments
{
    private static readonly IComparer<DevelopmentRecord> ByDate = Comparer<DevelopmentRecord>.Create((a, b) =>
        a.OccurredOn.CompareTo(b.OccurredOn) is var byDate and not 0 ? byDate : a.Position.CompareTo(b.Position));

    /// <summary>Every development in log order: what the as-reported replay and the possible-duplicate check go through.</summary>
    private readonly AppendOnlyList<DevelopmentRecord> _inOrder;

    // Both indexes lead to places in _inOrder (see HashedOrdinals): by a hash of the id, and by a duplicate key's hash.
    private readonly HashedOrdinals _byId;
    private readonly ChunkedSortedSet<DevelopmentRecord> _byDate;
    // Keys are held as 64-bit hashes: a million developments would otherwise keep ~400 MB of key text alive. A hit is
    // confirmed against the holder's own keys, so a shared hash never makes a development a duplicate of another; the
    // cost of a hash shared by two keys (about 10^-7 over a million developments) is one duplicate not caught.
    private readonly HashedOrdinals _duplicateKeys;
    private readonly OverlapIndex _overlaps;
    private readonly ByteArena _texts;
    // What the developments taken by the snapshot being written said before a later event changed them (see Capture).
    private ConcurrentDictionary<DevelopmentRecord, DevelopmentRecord.Said>? _taken;

    public DevelopmentRegistry() : this(new ByteArena(), new AppendOnlyList<DevelopmentRecord>(), new HashedOrdinals(),
        new ChunkedSortedSet<DevelopmentRecord>(ByDate), new HashedOrdinals(), new OverlapIndex())
    {
    }

    private DevelopmentRegistry(ByteArena texts, AppendOnlyList<DevelopmentRecord> inOrder, HashedOrdinals byId,
        ChunkedSortedSet<DevelopmentRecord> byDate, HashedOrdinals duplicateKeys, OverlapIndex overlaps) =>
        (_texts, _inOrder, _byId, _byDate, _duplicateKeys, _overlaps) = (texts, inOrder, byId, byDate, duplicateKeys, overlaps);

    public int Count => _byId.Count;

    public DevelopmentRecord? Find(Guid id)
    {
        foreach (var ordinal in _byId.OrdinalsOf(Hash(id)))
        {
            if (_inOrder[ordinal].Id == id) return _inOrder[ordinal];
        }
        return null;
    }

    /// <summary>Newest-dated first, from right after <paramref name="after"/> (null: from the newest); a seek, not a scan.</summary>
    public IEnumerable<DevelopmentRecord> ByDateDescending(ListCursor? after = null)
    {
        if (after is not { } cursor) return _byDate.Descending();
        // Positions are whole: this bound excludes the cursor's own development.
        return _byDate.DescendingFrom(DevelopmentRecord.Probe(cursor.OccurredOn, cursor.Position - 1));
    }

    public Guid? HolderOf(ReadOnlySpan<char> duplicateKey)
    {
        var ordinal = _duplicateKeys.First(Hash(duplicateKey));
        if (ordinal < 0) return null;
        var holder = _inOrder[ordinal];
        var key = duplicateKey.ToString();
        var held = false;
        DuplicateRule.ForEachKey(holder.Current.Unpack(), k => held |= k.SequenceEqual(key));
        return held ? holder.Id : null;
    }

    /// <summary>In the order they were first recorded.</summary>
    public IReadOnlyList<DevelopmentRecord> InLogOrder => _inOrder;

    public (DevelopmentFacts? Facts, bool Retracted) Lookup(Guid id) =>
        Find(id) is { } record ? (record.Current.Unpack(), record.Retraction is not null) : (null, false);

    /// <summary>In the order they were recorded.</summary>
    public IReadOnlyList<Guid> MayBeSameEventAs(DevelopmentFacts facts) =>
        _overlaps.Candidates(facts).Distinct().Select(id => Find(id)!)
            .Where(r => r.Live is { } live && DuplicateRule.MayBeSameEvent(facts, live.Unpack()))
            .OrderBy(r => r.Position).Select(r => r.Id).ToList();

    /// <param name="keys">A recorded development's <see cref="KeysOf"/>, if worked out already: null to work them out here.</param>
    public void Apply(LedgerEvent e, long position, DateTimeOffset at, ulong[]? keys = null)
    {
        switch (e)
        {
            case LedgerEvent.DevelopmentRecorded recorded:
                var record = new DevelopmentRecord(recorded.DevelopmentId, PackedFacts.Pack(recorded.Facts, _texts), position, at);
                if (Find(record.Id) is { } same) _byId.Remove(Hash(same.Id), OrdinalOf(same)); // the id's latest record is found
                _byId.Add(Hash(record.Id), _inOrder.Count);
                _byDate.Add(record);
                _inOrder.Add(record);
                Claim(record, _inOrder.Count - 1, recorded.Facts, keys);
                break;
            case LedgerEvent.DevelopmentCorrected corrected when Find(corrected.DevelopmentId) is { } target:
                KeepAsTaken(target);
                Release(target);
                _byDate.Remove(target);
                var correction = new Amendment(corrected.Reason, position, at, PackedFacts.Pack(corrected.Facts, _texts));
                var now = target.Correct(correction, _texts);
                _byDate.Add(target);
                Claim(target, OrdinalOf(target), now);
                break;
            case LedgerEvent.SourceAdded added when Find(added.DevelopmentId) is { } target:
                KeepAsTaken(target);
                Claim(target, OrdinalOf(target), target.AddSource(new AddedSource(added.Source, position, at), _texts));
                break;
            case LedgerEvent.DevelopmentRetracted retracted when Find(retracted.DevelopmentId) is { } target:
                KeepAsTaken(target);
                Release(target);
                target.Retraction = new Amendment(retracted.Reason, position, at);
                break;
        }
    }

    /// <summary>Writes the texts taken so far: nothing needs holding (see <see cref="ByteArena.SaveFilled"/>).</summary>
    public ByteArena.Filled SaveTexts(SnapshotWriter to) => _texts.SaveFilled(to);

    /// <summary>Writes the texts taken since <see cref="SaveTexts"/>, writes held off.</summary>
    public void SaveTextsSince(SnapshotWriter to, ByteArena.Filled texts) => _texts.SaveSince(to, texts);

    /// <summary>
    /// Takes the rest of the list as it stands, writes held off, and returns what writes it once they go on again. Nothing
    /// is copied now. The developments in log order, the by-date order and the tables that find a development by id or
    /// duplicate key are shared with the snapshot until it is written (<see cref="AppendOnlyList{T}.Taken"/>,
    /// <see cref="ChunkedSortedSet{T}.Take"/>, <see cref="HashedOrdinals.Capture"/>). What a development taken says is
    /// kept as it stood only when a later event changes it (<see cref="KeepAsTaken"/>), so nothing is copied for the many
    /// that no event changes meanwhile. The overlap shelves are taken apart (<see cref="CaptureOverlaps"/>), for a section
    /// of their own, loaded alongside.
    /// </summary>
    /// <remarks>One snapshot is written at a time (by the <see cref="Projections.Snapshots.Snapshotter"/>).</remarks>
    public Action<SnapshotWriter> Capture()
    {
        var (records, byDate, byId, keys) = (_inOrder.Taken, _byDate.Take(), _byId.Capture(), _duplicateKeys.Capture());
        var taken = _taken = new ConcurrentDictionary<DevelopmentRecord, DevelopmentRecord.Said>(ReferenceEqualityComparer.Instance);
        return to =>
        {
            try
            {
                to.Write(records.Length);
                byId(to);
                keys(to);
                foreach (var record in records.Span)
                {
                    var said = record.Capture();
                    Interlocked.MemoryBarrier(); // read before looking for what was kept: see KeepAsTaken
                    record.Save(to, taken.TryGetValue(record, out var before) ? before : said);
                }
                to.Write(byDate.Count);
                foreach (var record in byDate) to.Write(OrdinalOf(records.Span, record));
            }
            finally
            {
                Interlocked.CompareExchange(ref _taken, null, taken);
            }
        };
    }

    /// <summary>
    /// Keeps what <paramref name="record"/> says now, if a snapshot being written took it and this is its first change
    /// since. Kept before the change is made, and the snapshot reads a development before it looks here: if it read the
    /// change, even half made, it finds what was kept.
    /// </summary>
    private void KeepAsTaken(DevelopmentRecord record)
    {
        if (_taken is not { } taken) return;
        taken.TryAdd(record, record.Capture());
        Interlocked.MemoryBarrier();
    }

    /// <summary>The overlap shelves as they stand, and what writes them: they name developments by id, so they load apart from the list.</summary>
    public Action<SnapshotWriter> CaptureOverlaps() => _overlaps.Capture();

    /// <summary>The texts <see cref="SaveTexts"/> wrote, for <see cref="Load"/>; add those <see cref="SaveTextsSince"/> wrote with <see cref="LoadTextsSince"/>.</summary>
    public static ByteArena LoadTexts(SnapshotReader from) => ByteArena.LoadFilled(from);

    public static void LoadTextsSince(SnapshotReader from, ByteArena texts) => texts.LoadSince(from);

    /// <summary>
    /// Loads what <see cref="Capture"/> and <see cref="CaptureOverlaps"/> wrote. The overlap shelves load on another thread,
    /// and so do the tables that find a development by its id or a duplicate key, while this one reads the developments
    /// and their by-date order.
    /// </summary>
    public static DevelopmentRegistry Load(SnapshotReader from, ByteArena texts, SnapshotReader overlapsFrom)
    {
        var loadingOverlaps = Task.Run(() =>
        {
            var overlaps = new OverlapIndex();
            overlaps.Load(overlapsFrom);
            overlapsFrom.ExpectEnd();
            return overlaps;
        });
        Task<(HashedOrdinals, HashedOrdinals)>? loadingTables = null;
        try
        {
            var count = from.Count(bytesEach: DevelopmentRecord.LeastBytes);
            var (byId, duplicateKeys) = (HashedOrdinals.Locate(from), HashedOrdinals.Locate(from));
            loadingTables = Task.Run(() => (byId.Load(count), duplicateKeys.Load(count)));
            var inOrder = LoadInOrder(from, count);
            var byDate = LoadByDate(from, from.Count(count), inOrder);
            var (loadedById, loadedKeys) = loadingTables.GetAwaiter().GetResult();
            return new DevelopmentRegistry(texts, inOrder, loadedById, byDate, loadedKeys, loadingOverlaps.GetAwaiter().GetResult());
        }
        catch
        {
            // They read the mapped file, which is closed next. Their own failures are observed: the one thrown here is reported.
            Task.WhenAll(loadingTables ?? Task.CompletedTask, loadingOverlaps).ContinueWith(t => t.Exception, TaskScheduler.Default).Wait();
            throw;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see SnapshotReader
    private static AppendOnlyList<DevelopmentRecord> LoadInOrder(SnapshotReader from, int count)
    {
        var inOrder = new AppendOnlyList<DevelopmentRecord>(count);
        for (var i = 0; i < count; i++) inOrder.Add(DevelopmentRecord.Load(from));
        return inOrder;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ChunkedSortedSet<DevelopmentRecord> LoadByDate(SnapshotReader from, int count, AppendOnlyList<DevelopmentRecord> inOrder)
    {
        var byDate = new ChunkedSortedSet<DevelopmentRecord>(ByDate);
        byDate.LoadSorted(Enumerable.Range(0, count).Select(_ => Listed(inOrder, from.Int())));
        return byDate;
    }

    /// <summary>Where a development is in log order: found by its position, as the list is in position order.</summary>
    private int OrdinalOf(DevelopmentRecord record) => OrdinalOf(_inOrder.Taken.Span, record);

    private static int OrdinalOf(ReadOnlySpan<DevelopmentRecord> inOrder, DevelopmentRecord record)
    {
        int low = 0, high = inOrder.Length - 1;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (inOrder[mid].Position < record.Position) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private static DevelopmentRecord Listed(AppendOnlyList<DevelopmentRecord> inOrder, int ordinal) =>
        (uint)ordinal < (uint)inOrder.Count ? inOrder[ordinal] : throw new InvalidDataException($"No development {ordinal} is listed.");

    /// <summary>
    /// The hashes of the duplicate keys of a development with these facts: what <see cref="Apply"/> claims for it. They
    /// depend on the facts alone, so a rebuild works them out on the thread that reads the log (see
    /// <see cref="Projections.StoredEvents"/>), off the applying thread, which is the one that bounds it.
    /// </summary>
    public static ulong[] KeysOf(DevelopmentFacts facts)
    {
        var keys = new List<ulong>(4);
        DuplicateRule.ForEachKey(facts, key => keys.Add(Hash(key)));
        return [.. keys];
    }

    /// <param name="ordinal">Where the record is in <see cref="InLogOrder"/>.</param>
    /// <param name="current">The record's current facts, unpacked: the event in hand has them.</param>
    /// <param name="keys">Their <see cref="KeysOf"/>, if worked out already.</param>
    private void Claim(DevelopmentRecord record, int ordinal, DevelopmentFacts current, ulong[]? keys = null)
    {
        foreach (var key in keys ?? KeysOf(current)) _duplicateKeys.TryAdd(key, ordinal);
        _overlaps.Add(record.Id, current);
    }

    private void Release(DevelopmentRecord record)
    {
        var current = record.Current.Unpack();
        _overlaps.Remove(record.Id, current);
        var ordinal = OrdinalOf(record);
        foreach (var key in KeysOf(current)) _duplicateKeys.Remove(key, ordinal); // only where this record holds it
    }

    private static ulong Hash(ReadOnlySpan<char> key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key));

    // Ids are made by the server (version 7: a time, then random bits), and a hash that mixes in every byte serves any.
    private static ulong Hash(Guid id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(new ReadOnlySpan<Guid>(in id)));
}
