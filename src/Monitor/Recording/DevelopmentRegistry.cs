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
        a.Current.OccurredOn.CompareTo(b.Current.OccurredOn) is var byDate and not 0 ? byDate : a.Position.CompareTo(b.Position));

    /// <summary>Every development in log order: what the as-reported replay and the possible-duplicate check go through.</summary>
    private readonly List<DevelopmentRecord> _inOrder;

    private readonly Dictionary<Guid, DevelopmentRecord> _byId;
    private readonly ChunkedSortedSet<DevelopmentRecord> _byDate;
    // Keys are held as 64-bit hashes: a million developments would otherwise keep ~400 MB of key text alive. A hit is
    // confirmed against the holder's own keys, so a shared hash never makes a development a duplicate of another; the
    // cost of a hash shared by two keys (about 10^-7 over a million developments) is one duplicate not caught.
    private readonly Dictionary<ulong, DevelopmentRecord> _duplicateKeys;
    private readonly OverlapIndex _overlaps;
    private readonly ByteArena _texts;

    public DevelopmentRegistry() : this(new ByteArena(), [], [], new ChunkedSortedSet<DevelopmentRecord>(ByDate), [], new OverlapIndex())
    {
    }

    private DevelopmentRegistry(ByteArena texts, List<DevelopmentRecord> inOrder, Dictionary<Guid, DevelopmentRecord> byId,
        ChunkedSortedSet<DevelopmentRecord> byDate, Dictionary<ulong, DevelopmentRecord> duplicateKeys, OverlapIndex overlaps) =>
        (_texts, _inOrder, _byId, _byDate, _duplicateKeys, _overlaps) = (texts, inOrder, byId, byDate, duplicateKeys, overlaps);

    public int Count => _byId.Count;

    public DevelopmentRecord? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>Newest-dated first, from right after <paramref name="after"/> (null: from the newest); a seek, not a scan.</summary>
    public IEnumerable<DevelopmentRecord> ByDateDescending(ListCursor? after = null)
    {
        if (after is not { } cursor) return _byDate.Descending();
        // Positions are whole: this bound excludes the cursor's own development.
        return _byDate.DescendingFrom(DevelopmentRecord.Probe(cursor.OccurredOn, cursor.Position - 1));
    }

    public Guid? HolderOf(ReadOnlySpan<char> duplicateKey)
    {
        if (!_duplicateKeys.TryGetValue(Hash(duplicateKey), out var holder)) return null;
        var key = duplicateKey.ToString();
        var held = false;
        DuplicateRule.ForEachKey(holder.Current.Unpack(), k => held |= k.SequenceEqual(key));
        return held ? holder.Id : null;
    }

    /// <summary>In the order they were first recorded.</summary>
    public IReadOnlyList<DevelopmentRecord> InLogOrder => _inOrder;

    public (DevelopmentFacts? Facts, bool Retracted) Lookup(Guid id) =>
        _byId.TryGetValue(id, out var record) ? (record.Current.Unpack(), record.Retraction is not null) : (null, false);

    /// <summary>In the order they were recorded.</summary>
    public IReadOnlyList<Guid> MayBeSameEventAs(DevelopmentFacts facts) =>
        _overlaps.Candidates(facts).Distinct().Select(id => _byId[id])
            .Where(r => r.Live is { } live && DuplicateRule.MayBeSameEvent(facts, live.Unpack()))
            .OrderBy(r => r.Position).Select(r => r.Id).ToList();

    /// <param name="keys">A recorded development's <see cref="KeysOf"/>, if worked out already: null to work them out here.</param>
    public void Apply(LedgerEvent e, long position, DateTimeOffset at, ulong[]? keys = null)
    {
        switch (e)
        {
            case LedgerEvent.DevelopmentRecorded recorded:
                var record = new DevelopmentRecord(recorded.DevelopmentId, PackedFacts.Pack(recorded.Facts, _texts), position, at);
                _byId[record.Id] = record;
                _byDate.Add(record);
                _inOrder.Add(record);
                Claim(record, recorded.Facts, keys);
                break;
            case LedgerEvent.DevelopmentCorrected corrected when _byId.TryGetValue(corrected.DevelopmentId, out var target):
                Release(target);
                _byDate.Remove(target);
                var correction = new Amendment(corrected.Reason, position, at, PackedFacts.Pack(corrected.Facts, _texts));
                var now = target.Correct(correction, _texts);
                _byDate.Add(target);
                Claim(target, now);
                break;
            case LedgerEvent.SourceAdded added when _byId.TryGetValue(added.DevelopmentId, out var target):
                Claim(target, target.AddSource(new AddedSource(added.Source, position, at), _texts));
                break;
            case LedgerEvent.DevelopmentRetracted retracted when _byId.TryGetValue(retracted.DevelopmentId, out var target):
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
    /// Takes the rest of the list as it stands, writes held off, and returns what writes it so once they go on again:
    /// every development in log order, then the orders and keys that index them. Taking it copies what later writes
    /// change (what each development's later events said, the by-date order, the keys), a small part of writing it. The
    /// overlap shelves are taken apart (<see cref="CaptureOverlaps"/>), for a section of their own, loaded alongside.
    /// </summary>
    public Action<SnapshotWriter> Capture()
    {
        var (records, byDate, keys) = (_inOrder.ToArray(), _byDate.ToArray(), _duplicateKeys.ToArray());
        var said = new DevelopmentRecord.Said[records.Length];
        for (var i = 0; i < records.Length; i++) said[i] = records[i].Capture();
        return to =>
        {
            to.Write(records.Length);
            for (var i = 0; i < records.Length; i++) records[i].Save(to, said[i]);
            to.Write(byDate.Length);
            foreach (var record in byDate) to.Write(OrdinalOf(records, record));
            to.Write(keys.Length);
            foreach (var (hash, holder) in keys)
            {
                to.Write(hash);
                to.Write(OrdinalOf(records, holder));
            }
        };
    }

    /// <summary>The overlap shelves as they stand, and what writes them: they name developments by id, so they load apart from the list.</summary>
    public Action<SnapshotWriter> CaptureOverlaps() => _overlaps.Capture();

    /// <summary>The texts <see cref="SaveTexts"/> wrote, for <see cref="Load"/>; add those <see cref="SaveTextsSince"/> wrote with <see cref="LoadTextsSince"/>.</summary>
    public static ByteArena LoadTexts(SnapshotReader from) => ByteArena.LoadFilled(from);

    public static void LoadTextsSince(SnapshotReader from, ByteArena texts) => texts.LoadSince(from);

    /// <summary>
    /// Loads what <see cref="Capture"/> and <see cref="CaptureOverlaps"/> wrote. The overlap shelves load on another thread from
    /// the start; once the developments are read, the by-date order and the by-id lookup are made on another thread while
    /// this one reads the duplicate keys: each needs only the list.
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
        Task<(ChunkedSortedSet<DevelopmentRecord>, Dictionary<Guid, DevelopmentRecord>)>? ordering = null;
        try
        {
            var inOrder = LoadInOrder(from);
            var dated = from.Count(inOrder.Count);
            var byDateFrom = from.Split(dated * sizeof(int));
            ordering = Task.Run(() => (LoadByDate(byDateFrom, dated, inOrder), ById(inOrder)));
            var duplicateKeys = LoadDuplicateKeys(from, inOrder);
            var (byDate, byId) = ordering.GetAwaiter().GetResult();
            return new DevelopmentRegistry(texts, inOrder, byId, byDate, duplicateKeys, loadingOverlaps.GetAwaiter().GetResult());
        }
        catch
        {
            // They read the mapped file, which is closed next. Their own failures are observed: the one thrown here is reported.
            Task.WhenAll(ordering ?? Task.CompletedTask, loadingOverlaps).ContinueWith(t => t.Exception, TaskScheduler.Default).Wait();
            throw;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see SnapshotReader
    private static List<DevelopmentRecord> LoadInOrder(SnapshotReader from)
    {
        var count = from.Count(bytesEach: DevelopmentRecord.LeastBytes);
        var inOrder = new List<DevelopmentRecord>(count);
        for (var i = 0; i < count; i++) inOrder.Add(DevelopmentRecord.Load(from));
        return inOrder;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ChunkedSortedSet<DevelopmentRecord> LoadByDate(SnapshotReader from, int count, List<DevelopmentRecord> inOrder)
    {
        var byDate = new ChunkedSortedSet<DevelopmentRecord>(ByDate);
        byDate.LoadSorted(Enumerable.Range(0, count).Select(_ => Listed(inOrder, from.Int())));
        from.ExpectEnd();
        return byDate;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<Guid, DevelopmentRecord> ById(List<DevelopmentRecord> inOrder)
    {
        var byId = new Dictionary<Guid, DevelopmentRecord>(inOrder.Count);
        foreach (var record in inOrder)
        {
            if (!byId.TryAdd(record.Id, record)) throw new InvalidDataException($"Development {record.Id} is listed twice.");
        }
        return byId;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<ulong, DevelopmentRecord> LoadDuplicateKeys(SnapshotReader from, List<DevelopmentRecord> inOrder)
    {
        var count = from.Count(bytesEach: sizeof(ulong) + sizeof(int));
        var keys = new Dictionary<ulong, DevelopmentRecord>(count);
        for (var i = 0; i < count; i++) keys[from.ULong()] = Listed(inOrder, from.Int());
        return keys;
    }

    /// <summary>Where a development is in log order: found by its position, as the list is in position order.</summary>
    private static int OrdinalOf(DevelopmentRecord[] inOrder, DevelopmentRecord record)
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

    private static DevelopmentRecord Listed(List<DevelopmentRecord> inOrder, int ordinal) =>
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

    /// <param name="current">The record's current facts, unpacked: the event in hand has them.</param>
    /// <param name="keys">Their <see cref="KeysOf"/>, if worked out already.</param>
    private void Claim(DevelopmentRecord record, DevelopmentFacts current, ulong[]? keys = null)
    {
        foreach (var key in keys ?? KeysOf(current)) _duplicateKeys.TryAdd(key, record);
        _overlaps.Add(record.Id, current);
    }

    private void Release(DevelopmentRecord record)
    {
        var current = record.Current.Unpack();
        _overlaps.Remove(record.Id, current);
        foreach (var key in KeysOf(current))
        {
            if (_duplicateKeys.TryGetValue(key, out var holder) && holder == record) _duplicateKeys.Remove(key);
        }
    }

    private static ulong Hash(ReadOnlySpan<char> key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key));
}
