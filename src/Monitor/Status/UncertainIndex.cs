using Monitor.Projections.Snapshots;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// The developments of a timeline that can be uncertain on some day (their period spans days before they
/// were certain), every version each has had, in fold order: so the developments possible but not certain
/// on a day are found without walking the many that were certain the day they happened.
/// Versions are never dropped; each says from when to when it was known, so any past knownAt can be asked.
/// </summary>
internal sealed class UncertainIndex
{
    private readonly SortedSet<Version> _versions = new(Comparer<Version>.Create(Version.Compare));
    private readonly Dictionary<Guid, Version> _live = [];

    // Only grows: how far past a day a development still uncertain on it can sit in fold order.
    private long _maxSpan;

    public void Add(TimelineEntry entry)
    {
        var span = entry.CertainBy.DayNumber - (long)entry.PossibleFrom.DayNumber;
        if (span <= 0) return;
        _maxSpan = Math.Max(_maxSpan, span);
        var version = new Version(entry.Development, entry.KnownFrom);
        _versions.Add(version);
        _live[entry.DevelopmentId] = version;
    }

    public void Remove(Guid developmentId, DateTimeOffset at)
    {
        if (_live.Remove(developmentId, out var version)) version.Until = at;
    }

    /// <summary>Developments possible on <paramref name="day"/> but not yet certain, as known at <paramref name="knownAt"/>, in fold order.</summary>
    public IEnumerable<DatedDevelopment> PossibleOn(DateOnly day, DateTimeOffset? knownAt)
    {
        var after = new Version(new DatedDevelopment(Guid.Empty, default, DateOnly.MaxValue, day, long.MaxValue), DateTimeOffset.MaxValue);
        if (_versions.Max is not { } last || Version.Compare(after, last) > 0) return [];
        return _versions.GetViewBetween(after, last)
            .TakeWhile(v => v.Development.CertainBy.DayNumber - _maxSpan <= day.DayNumber)
            .Where(v => v.Development.PossibleFrom <= day && v.Development.CertainBy > day && v.KnownAt(knownAt))
            .Select(v => v.Development);
    }

    /// <summary>Takes the index as it stands, and returns what writes it so: later writes change the index, not what was taken.</summary>
    public Action<SnapshotWriter> Capture()
    {
        var versions = new (DatedDevelopment Development, DateTimeOffset From, DateTimeOffset Until)[_versions.Count];
        var indexOf = new Dictionary<Version, int>(versions.Length, ReferenceEqualityComparer.Instance);
        foreach (var version in _versions)
        {
            versions[indexOf.Count] = (version.Development, version.From, version.Until);
            indexOf[version] = indexOf.Count;
        }
        var (maxSpan, live) = (_maxSpan, _live.Values.Select(v => indexOf[v]).ToArray());
        return to =>
        {
            to.Write(maxSpan);
            to.Write(versions.Length);
            foreach (var ((id, kind, possibleFrom, certainBy, order), from, until) in versions)
            {
                to.Write(id);
                to.Write((byte)kind);
                to.Write(possibleFrom);
                to.Write(certainBy);
                to.Write(order);
                to.Write(from);
                to.Write(until);
            }
            to.Write(live.Length);
            foreach (var index in live) to.Write(index);
        };
    }

    /// <summary>Fills this empty index with what <see cref="Capture"/> wrote.</summary>
    public void Load(SnapshotReader from)
    {
        _maxSpan = from.Long();
        var versions = new Version[from.Count(bytesEach: 16 + 1 + 2 * sizeof(int) + 3 * sizeof(long))]; // as read below
        for (var i = 0; i < versions.Length; i++)
        {
            var development = new DatedDevelopment(from.Guid(), (DevelopmentKind)from.Byte(), from.Day(), from.Day(), from.Long());
            versions[i] = new Version(development, from.Instant()) { Until = from.Instant() };
            if (!_versions.Add(versions[i])) throw new InvalidDataException($"Development {development.Id} is uncertain twice at once.");
        }
        var live = from.Count(versions.Length);
        for (var i = 0; i < live; i++)
        {
            var index = from.Int();
            if ((uint)index >= (uint)versions.Length) throw new InvalidDataException($"No uncertain version {index}.");
            _live[versions[index].Development.Id] = versions[index];
        }
    }

    private sealed class Version(DatedDevelopment development, DateTimeOffset from)
    {
        public DatedDevelopment Development { get; } = development;
        public DateTimeOffset From { get; } = from;
        public DateTimeOffset Until { get; set; } = DateTimeOffset.MaxValue;

        public bool KnownAt(DateTimeOffset? at) => at is not { } instant ? Until == DateTimeOffset.MaxValue : From <= instant && instant < Until;

        public static int Compare(Version a, Version b) =>
            DatedDevelopment.FoldOrder(a.Development, b.Development) is var byFold and not 0 ? byFold : a.From.CompareTo(b.From);
    }
}
