using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Monitor.Recording;

/// <summary>A development as the log has it: original facts, current facts, and what later events said of it.</summary>
public sealed class DevelopmentRecord(Guid id, DevelopmentFacts facts, long position, DateTimeOffset recordedAt)
{
    public Guid Id { get; } = id;
    public DevelopmentFacts Original { get; } = facts;
    public DevelopmentFacts Current { get; set; } = facts;
    public long Position { get; } = position;
    public DateTimeOffset RecordedAt { get; } = recordedAt;
    public List<Amendment> Corrections { get; } = [];
    public Amendment? Retraction { get; set; }

    /// <summary>The facts as the monitor had them at <paramref name="knownAt"/> (null: now): later corrections left out.</summary>
    public DevelopmentFacts FactsAt(DateTimeOffset? knownAt) =>
        Corrections.LastOrDefault(c => knownAt is null || c.RecordedAt <= knownAt)?.Facts ?? Original;
}

/// <summary>A correction (with the facts it put in place) or a retraction (without).</summary>
public sealed record Amendment(string Reason, long Position, DateTimeOffset RecordedAt, DevelopmentFacts? Facts = null);

/// <summary>
/// The development list read model: every development by id and in date order, and the duplicate
/// keys of the live ones, which is what recording decisions consult.
/// </summary>
public sealed class DevelopmentRegistry : IKnownDevelopments
{
    private static readonly IComparer<DevelopmentRecord> ByDate = Comparer<DevelopmentRecord>.Create((a, b) =>
        a.Current.OccurredOn.CompareTo(b.Current.OccurredOn) is var byDate and not 0 ? byDate : a.Position.CompareTo(b.Position));

    private readonly Dictionary<Guid, DevelopmentRecord> _byId = [];
    private readonly SortedSet<DevelopmentRecord> _byDate = new(ByDate);
    // Keys are held as 128-bit hashes: a million developments would otherwise keep ~400 MB of key text alive.
    private readonly Dictionary<UInt128, Guid> _duplicateKeys = [];

    public int Count => _byId.Count;

    public DevelopmentRecord? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>Newest-dated first.</summary>
    public IEnumerable<DevelopmentRecord> ByDateDescending => _byDate.Reverse();

    public Guid? HolderOf(string duplicateKey) => _duplicateKeys.TryGetValue(Hash(duplicateKey), out var id) ? id : null;

    public (bool Exists, bool Retracted) Lookup(Guid id) =>
        _byId.TryGetValue(id, out var record) ? (true, record.Retraction is not null) : (false, false);

    public void Apply(LedgerEvent e, long position, DateTimeOffset at)
    {
        switch (e)
        {
            case LedgerEvent.DevelopmentRecorded recorded:
                var record = new DevelopmentRecord(recorded.DevelopmentId, recorded.Facts, position, at);
                _byId[record.Id] = record;
                _byDate.Add(record);
                Claim(record);
                break;
            case LedgerEvent.DevelopmentCorrected corrected when _byId.TryGetValue(corrected.DevelopmentId, out var target):
                Release(target);
                _byDate.Remove(target);
                target.Current = corrected.Facts;
                target.Corrections.Add(new Amendment(corrected.Reason, position, at, corrected.Facts));
                _byDate.Add(target);
                Claim(target);
                break;
            case LedgerEvent.DevelopmentRetracted retracted when _byId.TryGetValue(retracted.DevelopmentId, out var target):
                Release(target);
                target.Retraction = new Amendment(retracted.Reason, position, at);
                break;
        }
    }

    private void Claim(DevelopmentRecord record)
    {
        foreach (var key in DuplicateRule.KeysOf(record.Current)) _duplicateKeys.TryAdd(Hash(key), record.Id);
    }

    private void Release(DevelopmentRecord record)
    {
        foreach (var key in DuplicateRule.KeysOf(record.Current).Select(Hash))
        {
            if (_duplicateKeys.TryGetValue(key, out var holder) && holder == record.Id) _duplicateKeys.Remove(key);
        }
    }

    private static UInt128 Hash(string key) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(key.AsSpan()));
}
