using System.Collections.Concurrent;
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
    /// <summary>
    /// A development's place in the by-date order: when it happened, then its place in log order, which is the order of
    /// positions. Kept apart from the development, so the order is compared without reaching it, and loaded as it lies.
    /// </summary>
    private readonly record struct Dated(Period OccurredOn, int Ordinal);

    private static readonly IComparer<Dated> ByDate = Comparer<Dated>.Create((a, b) =>
        a.OccurredOn.CompareTo(b.OccurredOn) is var byDate and not 0 ? byDate : a.Ordinal.CompareTo(b.Ordinal));

    // Where KeysOf gathers the keys before it copies them out: a list each time was two objects per development.
    [ThreadStatic] private static List<ulong>? _keys;

    /// <summary>
    /// Every development in log order: what the as-reported replay and the possible-duplicate check go through. Those
    /// loaded from a snapshot are made from it when first read (<see cref="AppendOnlyList{T}.Unmade"/>).
    /// </summary>
    private readonly AppendOnlyList<DevelopmentRecord> _inOrder;

    // The indexes lead to places in _inOrder (see HashedOrdinals): by a hash of the id, by a duplicate key's hash, by date.
    private readonly HashedOrdinals _byId;
    private readonly ChunkedSortedSet<Dated> _byDate;
    // Keys are held as 64-bit hashes: a million developments would otherwise keep ~400 MB of key text alive. A hit is
    // confirmed against the holder's own keys, so a shared hash never makes a development a duplicate of another; the
    // cost of a hash shared by two keys (about 10^-7 over a million developments) is one duplicate not caught.
    private readonly HashedOrdinals _duplicateKeys;
    private readonly OverlapIndex _overlaps;
    private readonly ByteArena _texts;
    // What the developments taken by the snapshot being written said before a later event changed them (see Capture).
    private ConcurrentDictionary<DevelopmentRecord, DevelopmentRecord.Said>? _taken;

    public DevelopmentRegistry() : this(new ByteArena(), new AppendOnlyList<DevelopmentRecord>(), new HashedOrdinals(),
        new ChunkedSortedSet<Dated>(ByDate), new HashedOrdinals(), new OverlapIndex(), live: 0)
    {
    }

    private DevelopmentRegistry(ByteArena texts, AppendOnlyList<DevelopmentRecord> inOrder, HashedOrdinals byId,
        ChunkedSortedSet<Dated> byDate, HashedOrdinals duplicateKeys, OverlapIndex overlaps, int live) =>
        (_texts, _inOrder, _byId, _byDate, _duplicateKeys, _overlaps, LiveCount) = (texts, inOrder, byId, byDate, duplicateKeys, overlaps, live);

    public int Count => _byId.Count;

    /// <summary>The bytes the developments' packed texts are kept in, much of it outside the collected heap (see <see cref="ByteArena"/>).</summary>
    public long TextBytes => _texts.Reserved;

    /// <summary>The bytes of the tables that find a development by id or duplicate key kept outside the collected heap (see <see cref="SharedPages{T}"/>).</summary>
    public long TableBytesOutsideHeap => _byId.BytesOutsideHeap + _duplicateKeys.BytesOutsideHeap;

    /// <summary>The developments in log order not retracted: counted as they change, as counting them would make every one.</summary>
    public int LiveCount { get; private set; }

    public DevelopmentRecord? Find(Guid id) => OrdinalOf(id) is var ordinal and >= 0 ? _inOrder[ordinal] : null;

    /// <summary>Where the development is in log order; -1 when there is none by that id.</summary>
    private int OrdinalOf(Guid id)
    {
        foreach (var ordinal in _byId.OrdinalsOf(Hash(id)))
        {
            if (_inOrder[ordinal].Id == id) return ordinal;
        }
        return -1;
    }

    /// <summary>Newest-dated first, from right after <paramref name="after"/> (null: from the newest); a seek, not a scan.</summary>
    public IEnumerable<DevelopmentRecord> ByDateDescending(ListCursor? after = null)
    {
        var dated = after is { } cursor
            // Ordinals follow positions: this bound excludes the cursor's own development, and any after it in the log.
            ? _byDate.DescendingFrom(new Dated(cursor.OccurredOn, FirstAtOrAfter(cursor.Position) - 1))
            : _byDate.Descending();
        return dated.Select(d => _inOrder[d.Ordinal]);
    }

    public Guid? HolderOf(ReadOnlySpan<char> duplicateKey)
    {
        var ordinal = _duplicateKeys.First(Hash(duplicateKey));
        if (ordinal < 0) return null;
        var holder = _inOrder[ordinal];
        var key = duplicateKey.ToString();
        var held = false;
        holder.Current.ForEachKey(key, (k, key) => held |= k.SequenceEqual(key));
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

    /// <returns>The development the event is about as it now stands (null if there is none), and what it said while live before.</returns>
    public (DevelopmentRecord? Record, PackedFacts? LiveBefore) Apply(LedgerEvent e, long position, DateTimeOffset at)
    {
        if (e is LedgerEvent.DevelopmentRecorded recorded)
        {
            var facts = PackedFacts.Pack(recorded.Facts, _texts);
            return Record(new PackedRecording(recorded.DevelopmentId, facts, recorded.Seeded, KeysOf(facts)), position, at);
        }
        var ordinal = OrdinalOf(e.DevelopmentId);
        var before = ordinal >= 0 ? _inOrder[ordinal].Live : null;
        if (ordinal < 0) return (null, null);
        var target = _inOrder[ordinal];
        switch (e)
        {
            case LedgerEvent.DevelopmentCorrected corrected:
                KeepAsTaken(target);
                Release(target, ordinal);
                _byDate.Remove(new Dated(target.OccurredOn, ordinal));
                target.Correct(new Amendment(corrected.Reason, position, at, PackedFacts.Pack(corrected.Facts, _texts)), _texts);
                _byDate.Add(new Dated(target.OccurredOn, ordinal));
                Claim(target, ordinal, KeysOf(target.Current));
                break;
            case LedgerEvent.SourceAdded added:
                KeepAsTaken(target);
                target.AddSource(new AddedSource(added.Source, position, at), _texts);
                Claim(target, ordinal, KeysOf(target.Current));
                break;
            case LedgerEvent.DevelopmentRetracted retracted:
                KeepAsTaken(target);
                Release(target, ordinal);
                if (target.Retraction is null) LiveCount--;
                target.Retraction = new Amendment(retracted.Reason, position, at);
                break;
        }
        return (target, before);
    }

    /// <summary>Starts bringing what filing <paramref name="recorded"/> looks up into the cache: for the event after the one in hand.</summary>
    public void Prefetch(PackedRecording recorded)
    {
        _byId.Prefetch(Hash(recorded.DevelopmentId));
        foreach (var key in recorded.Keys) _duplicateKeys.Prefetch(key);
    }

    /// <summary>A development recorded, its facts packed and its keys worked out already (see <see cref="Texts"/>).</summary>
    /// <inheritdoc cref="Apply"/>
    public (DevelopmentRecord? Record, PackedFacts? LiveBefore) Record(PackedRecording recorded, long position, DateTimeOffset at)
    {
        var ordinal = OrdinalOf(recorded.DevelopmentId);
        var before = ordinal >= 0 ? _inOrder[ordinal].Live : null;
        // Packed into another list's texts (one replaced by a snapshot since it was read), it is packed again into these.
        var facts = _texts.Holds(recorded.Facts.Text) ? recorded.Facts : recorded.Facts.CopyInto(_texts);
        _texts.Prepare(); // for the texts read ahead of this thread, if they are packed on another
        var record = new DevelopmentRecord(recorded.DevelopmentId, facts, position, at);
        if (ordinal >= 0) _byId.Remove(Hash(record.Id), ordinal); // the id's latest record is found
        ordinal = _inOrder.Count;
        _byId.Add(Hash(record.Id), ordinal);
        _byDate.Add(new Dated(record.OccurredOn, ordinal));
        _inOrder.Add(record);
        LiveCount++;
        Claim(record, ordinal, recorded.Keys);
        return (record, before);
    }

    /// <summary>
    /// Makes room for <paramref name="more"/> developments in the tables that find one by id or duplicate key (two keys
    /// each, as most developments have a source with a url: its publisher and title, and its url): a rebuild knows about
    /// how many it will record, and growing the tables as it went copied them a dozen times or more (room for one key
    /// each still grew the keys' table once, at 2 % of the applying thread's time).
    /// </summary>
    public void Reserve(int more)
    {
        _byId.Reserve(_byId.Count + more);
        _duplicateKeys.Reserve(_duplicateKeys.Count + (int)Math.Min(2L * more, int.MaxValue));
    }

    /// <summary>
    /// Where recorded developments' texts are packed: a rebuild packs them on the threads that read ahead
    /// (<see cref="LedgerCodec.DecodeRecorded"/>), and <see cref="Record"/> files them where they lie.
    /// </summary>
    public ByteArena Texts => _texts;

    /// <summary>Writes the texts taken so far: nothing needs holding (see <see cref="ByteArena.SaveFilled"/>).</summary>
    public ByteArena.Filled SaveTexts(SnapshotWriter to) => _texts.SaveFilled(to);

    /// <summary>Writes the texts taken since <see cref="SaveTexts"/>, writes held off.</summary>
    public void SaveTextsSince(SnapshotWriter to, ByteArena.Filled texts) => _texts.SaveSince(to, texts);

    /// <summary>
    /// Takes the rest of the list as it stands, writes held off, and returns what writes it once they go on again. Nothing
    /// is copied now. The developments in log order, the by-date order and the tables that find a development by id or
    /// duplicate key are shared with the snapshot until it is written (<see cref="AppendOnlyList{T}.Take"/>,
    /// <see cref="ChunkedSortedSet{T}.Take"/>, <see cref="HashedOrdinals.Capture"/>). What a development taken says is
    /// kept as it stood only when a later event changes it (<see cref="KeepAsTaken"/>), so nothing is copied for the many
    /// that no event changes meanwhile. The overlap shelves are taken apart (<see cref="CaptureOverlaps"/>), for a section
    /// of their own, loaded alongside.
    /// </summary>
    /// <returns>
    /// What writes the list, and what writes where each development starts in it, for a section written after (the
    /// index): a load leaves the developments where they lie and reads one when it is first asked for.
    /// </returns>
    /// <remarks>One snapshot is written at a time (by the <see cref="Projections.Snapshots.Snapshotter"/>).</remarks>
    public (Action<SnapshotWriter> List, Action<SnapshotWriter> Index) Capture()
    {
        var (records, byDate, byId, keys, live) = (_inOrder.Take(), _byDate.Take(), _byId.Capture(), _duplicateKeys.Capture(), LiveCount);
        var taken = _taken = new ConcurrentDictionary<DevelopmentRecord, DevelopmentRecord.Said>(ReferenceEqualityComparer.Instance);
        var starts = new long[records.Count];
        return (to =>
        {
            try
            {
                to.Write(records.Count);
                to.Write(live);
                byId(to);
                keys(to);
                to.WriteRawRun(byDate);
                for (var i = 0; i < starts.Length; i++)
                {
                    var record = records[i];
                    var said = record.Capture();
                    Interlocked.MemoryBarrier(); // read before looking for what was kept: see KeepAsTaken
                    starts[i] = to.Position;
                    record.Save(to, taken.TryGetValue(record, out var before) ? before : said);
                }
            }
            finally
            {
                Interlocked.CompareExchange(ref _taken, null, taken);
            }
        }, to =>
        {
            to.BeginRawRun(starts.Length);
            to.WriteRawPart<long>(starts);
        });
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
    /// Loads what <see cref="Capture"/> and <see cref="CaptureOverlaps"/> wrote. The developments stay where they lie in
    /// the file, each read when first asked for; <paramref name="from"/> is left at its end. The overlap shelves load on
    /// another thread, and so do the tables that find a development by its id or a duplicate key, while this one reads
    /// the by-date order.
    /// </summary>
    /// <param name="index">Where the index section is, after the list's table of names (see <see cref="SnapshotWriter.WriteLists"/>).</param>
    public static DevelopmentRegistry Load(SnapshotReader from, SnapshotReader index, ByteArena texts, SnapshotReader overlapsFrom)
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
            var live = from.Count(max: count);
            var (byId, duplicateKeys) = (HashedOrdinals.Locate(from), HashedOrdinals.Locate(from));
            loadingTables = Task.Run(() => (byId.Load(count), duplicateKeys.Load(count)));
            var byDate = LoadByDate(from.RawInPlace<Dated>(), count);
            var inOrder = LoadInOrder(from, index.RawInPlace<long>(), count);
            var (loadedById, loadedKeys) = loadingTables.GetAwaiter().GetResult();
            return new DevelopmentRegistry(texts, inOrder, loadedById, byDate, loadedKeys, loadingOverlaps.GetAwaiter().GetResult(), live);
        }
        catch
        {
            // They read the mapped file, which is closed next. Their own failures are observed: the one thrown here is reported.
            Task.WhenAll(loadingTables ?? Task.CompletedTask, loadingOverlaps).ContinueWith(t => t.Exception, TaskScheduler.Default).Wait();
            throw;
        }
    }

    /// <summary>The developments from where <paramref name="from"/> is to its end, each made when first read, from where it starts.</summary>
    private static AppendOnlyList<DevelopmentRecord> LoadInOrder(SnapshotReader from, Memory<long> starts, int count)
    {
        var records = from.At(from.Position);
        var at = from.Position;
        var span = starts.Span;
        if (span.Length != count) throw new InvalidDataException($"{span.Length} developments are indexed, of {count}.");
        foreach (var start in span)
        {
            if (start < at) throw new InvalidDataException($"A development cannot start at {start}.");
            at = start + DevelopmentRecord.LeastBytes;
        }
        from.SkipToEnd();
        return AppendOnlyList<DevelopmentRecord>.Unmade(count, i => DevelopmentRecord.Load(records.At(starts.Span[i])));
    }

    private static ChunkedSortedSet<Dated> LoadByDate(Memory<Dated> dated, int count)
    {
        foreach (var d in dated.Span)
        {
            if ((uint)d.Ordinal >= (uint)count) throw new InvalidDataException($"No development {d.Ordinal} is listed.");
        }
        var byDate = new ChunkedSortedSet<Dated>(ByDate);
        byDate.LoadSorted(dated);
        return byDate;
    }

    /// <summary>Where the first development at or after <paramref name="position"/> is in log order, which is position order.</summary>
    private int FirstAtOrAfter(long position)
    {
        int low = 0, high = _inOrder.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_inOrder[mid].Position < position) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>
    /// The hashes of the duplicate keys of a development with these facts: what <see cref="Record"/> claims for it. They
    /// depend on the facts alone, so a rebuild works them out on the threads that read the log, as they pack the facts.
    /// </summary>
    public static ulong[] KeysOf(PackedFacts facts)
    {
        var keys = _keys ??= new List<ulong>(8);
        keys.Clear();
        facts.ForEachKey(keys, static (key, keys) => keys.Add(Hash(key)));
        return [.. keys];
    }

    /// <param name="ordinal">Where the record is in <see cref="InLogOrder"/>.</param>
    /// <param name="keys">The <see cref="KeysOf"/> its current facts.</param>
    private void Claim(DevelopmentRecord record, int ordinal, ulong[] keys)
    {
        foreach (var key in keys) _duplicateKeys.TryAdd(key, ordinal);
        _overlaps.Add(record.Id, record.Current);
    }

    private void Release(DevelopmentRecord record, int ordinal)
    {
        _overlaps.Remove(record.Id, record.Current);
        foreach (var key in KeysOf(record.Current)) _duplicateKeys.Remove(key, ordinal); // only where this record holds it
    }

    private static ulong Hash(ReadOnlySpan<char> key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key));

    // Ids are made by the server (version 7: a time, then random bits), and a hash that mixes in every byte serves any.
    private static ulong Hash(Guid id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(new ReadOnlySpan<Guid>(in id)));
}
