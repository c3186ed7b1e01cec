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
    private readonly List<DevelopmentRecord> _inOrder = [];

    private readonly Dictionary<Guid, DevelopmentRecord> _byId = [];
    private readonly ChunkedSortedSet<DevelopmentRecord> _byDate = new(ByDate);
    // Keys are held as 64-bit hashes: a million developments would otherwise keep ~400 MB of key text alive. A hit is
    // confirmed against the holder's own keys, so a shared hash never makes a development a duplicate of another; the
    // cost of a hash shared by two keys (about 10^-7 over a million developments) is one duplicate not caught.
    private readonly Dictionary<ulong, DevelopmentRecord> _duplicateKeys = [];
    private readonly OverlapIndex _overlaps = new();
    private readonly ByteArena _texts;

    public DevelopmentRegistry() : this(new ByteArena())
    {
    }

    private DevelopmentRegistry(ByteArena texts) => _texts = texts;

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

    public void Apply(LedgerEvent e, long position, DateTimeOffset at)
    {
        switch (e)
        {
            case LedgerEvent.DevelopmentRecorded recorded:
                var record = new DevelopmentRecord(recorded.DevelopmentId, PackedFacts.Pack(recorded.Facts, _texts), position, at);
                _byId[record.Id] = record;
                _byDate.Add(record);
                _inOrder.Add(record);
                Claim(record, recorded.Facts);
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

    /// <summary>Writes the rest of the list, writes held off: every development in log order, then the orders and keys that index them.</summary>
    public void Save(SnapshotWriter to)
    {
        to.Write(_inOrder.Count);
        foreach (var record in _inOrder) record.Save(to);
        to.Write(_byDate.Count);
        foreach (var record in _byDate) to.Write(OrdinalOf(record));
        to.Write(_duplicateKeys.Count);
        foreach (var (hash, holder) in _duplicateKeys)
        {
            to.Write(hash);
            to.Write(OrdinalOf(holder));
        }
        _overlaps.Save(to);
    }

    /// <summary>The texts <see cref="SaveTexts"/> wrote, for <see cref="Load"/>; add those <see cref="SaveTextsSince"/> wrote with <see cref="LoadTextsSince"/>.</summary>
    public static ByteArena LoadTexts(SnapshotReader from) => ByteArena.LoadFilled(from);

    public static void LoadTextsSince(SnapshotReader from, ByteArena texts) => texts.LoadSince(from);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see SnapshotReader
    public static DevelopmentRegistry Load(SnapshotReader from, ByteArena texts)
    {
        var registry = new DevelopmentRegistry(texts);
        var count = from.Count();
        registry._inOrder.Capacity = count;
        registry._byId.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var record = DevelopmentRecord.Load(from);
            registry._inOrder.Add(record);
            if (!registry._byId.TryAdd(record.Id, record)) throw new InvalidDataException($"Development {record.Id} is listed twice.");
        }
        var dated = from.Count(count);
        registry._byDate.LoadSorted(Enumerable.Range(0, dated).Select(_ => registry.Listed(from.Int())));
        var keys = from.Count();
        registry._duplicateKeys.EnsureCapacity(keys);
        for (var i = 0; i < keys; i++) registry._duplicateKeys[from.ULong()] = registry.Listed(from.Int());
        registry._overlaps.Load(from);
        return registry;
    }

    /// <summary>Where a development is in log order: found by its position, as the list is in position order.</summary>
    private int OrdinalOf(DevelopmentRecord record)
    {
        int low = 0, high = _inOrder.Count - 1;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_inOrder[mid].Position < record.Position) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private DevelopmentRecord Listed(int ordinal) =>
        (uint)ordinal < (uint)_inOrder.Count ? _inOrder[ordinal] : throw new InvalidDataException($"No development {ordinal} is listed.");

    /// <param name="current">The record's current facts, unpacked: the event in hand has them.</param>
    private void Claim(DevelopmentRecord record, DevelopmentFacts current)
    {
        DuplicateRule.ForEachKey(current, key => _duplicateKeys.TryAdd(Hash(key), record));
        _overlaps.Add(record.Id, current);
    }

    private void Release(DevelopmentRecord record)
    {
        var current = record.Current.Unpack();
        _overlaps.Remove(record.Id, current);
        DuplicateRule.ForEachKey(current, key =>
        {
            var hash = Hash(key);
            if (_duplicateKeys.TryGetValue(hash, out var holder) && holder == record) _duplicateKeys.Remove(hash);
        });
    }

    private static ulong Hash(ReadOnlySpan<char> key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key));
}
