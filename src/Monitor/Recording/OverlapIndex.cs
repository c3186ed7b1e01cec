using Monitor.Collections;
using Monitor.Projections.Snapshots;

namespace Monitor.Recording;

/// <summary>
/// Live developments by channel and kind, in order of their period's start, so the possible-duplicate check looks only
/// at those that could overlap a new period: begun by its end, and no earlier than its start less the longest period
/// seen for that channel and kind. Periods with an open end or start are kept aside and always looked at.
/// Context is not indexed: it is never a possible duplicate.
/// </summary>
internal sealed class OverlapIndex
{
    private readonly Dictionary<(string Channel, DevelopmentKind Kind), Shelf> _shelves = [];

    /// <summary>A development on a shelf, in order of where its period starts. Written to a snapshot as it lies in memory.</summary>
    private readonly record struct Placed(DateOnly Start, Guid Id) : IComparable<Placed>
    {
        public int CompareTo(Placed other) => Start.CompareTo(other.Start) is var byStart and not 0 ? byStart : Id.CompareTo(other.Id);
    }

    private sealed class Shelf
    {
        public ChunkedSortedSet<Placed> ByStart { get; } = new();
        public HashSet<Guid> Open { get; } = [];
        public int LongestDays { get; set; }
    }

    public void Add(Guid id, PackedFacts facts)
    {
        foreach (var shelf in ShelvesOf(facts.Channels, facts.Kind, create: true))
        {
            if (IsOpen(facts.OccurredOn)) shelf!.Open.Add(id);
            else
            {
                shelf!.ByStart.Add(new Placed(facts.OccurredOn.Start, id));
                shelf.LongestDays = Math.Max(shelf.LongestDays, facts.OccurredOn.End.DayNumber - facts.OccurredOn.Start.DayNumber);
            }
        }
    }

    public void Remove(Guid id, PackedFacts facts)
    {
        foreach (var shelf in ShelvesOf(facts.Channels, facts.Kind, create: false))
        {
            if (shelf is null) continue;
            if (IsOpen(facts.OccurredOn)) shelf.Open.Remove(id);
            else shelf.ByStart.Remove(new Placed(facts.OccurredOn.Start, id));
        }
    }

    /// <summary>Every indexed development whose period may overlap <paramref name="facts"/>' on a shared channel, same kind; some twice.</summary>
    public IEnumerable<Guid> Candidates(DevelopmentFacts facts)
    {
        var period = facts.OccurredOn;
        foreach (var shelf in ShelvesOf(facts.Channels, facts.Kind, create: false))
        {
            if (shelf is null) continue;
            foreach (var id in shelf.Open) yield return id;
            if (shelf.ByStart.Count == 0) continue;
            var from = period.Start.DayNumber - shelf.LongestDays < DateOnly.MinValue.DayNumber
                ? DateOnly.MinValue : period.Start.AddDays(-shelf.LongestDays);
            foreach (var (_, id) in shelf.ByStart.Between(new Placed(from, Guid.Empty), new Placed(period.End, Guid.AllBitsSet))) yield return id;
        }
    }

    /// <summary>Takes the shelves as they stand (see <see cref="ChunkedSortedSet{T}.Take"/>), and returns what writes them so: later writes change the index, not what was taken.</summary>
    public Action<SnapshotWriter> Capture()
    {
        var shelves = _shelves.Select(s => (s.Key.Channel, s.Key.Kind, s.Value.LongestDays, Open: s.Value.Open.ToArray(), ByStart: s.Value.ByStart.Take()))
            .ToArray();
        return to =>
        {
            to.Write(shelves.Length);
            foreach (var (channel, kind, longestDays, open, byStart) in shelves)
            {
                to.WriteName(channel);
                to.Write((byte)kind);
                to.Write(longestDays);
                to.Write(open.Length);
                foreach (var id in open) to.Write(id);
                to.WriteRawRun(byStart);
            }
        };
    }

    /// <summary>Fills this empty index with what <see cref="Capture"/> wrote.</summary>
    public void Load(SnapshotReader from)
    {
        var shelves = from.Count();
        for (var s = 0; s < shelves; s++)
        {
            var shelf = _shelves[(from.Name(), (DevelopmentKind)from.Byte())] = new Shelf { LongestDays = from.Int() };
            var open = from.Count();
            for (var i = 0; i < open; i++) shelf.Open.Add(from.Guid());
            shelf.ByStart.LoadSorted(from.RawInPlace<Placed>());
        }
    }

    private static bool ListedBefore(IReadOnlyList<string> channels, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (channels[i] == channels[index]) return true;
        }
        return false;
    }

    private static bool IsOpen(Period period) => period.Start == DateOnly.MinValue || period.End == DateOnly.MaxValue;

    private Shelves ShelvesOf(IReadOnlyList<string> channels, DevelopmentKind kind, bool create) => new(this, channels, kind, create);

    /// <summary>
    /// The shelves of a development's kind on each of its channels, each once (null where there is none and none is
    /// made). A struct that foreach walks in place: an iterator was an object per development, 74 MB per 1M-event rebuild.
    /// </summary>
    private struct Shelves(OverlapIndex index, IReadOnlyList<string> channels, DevelopmentKind kind, bool create)
    {
        private int _next;

        public Shelf? Current { get; private set; }

        public readonly Shelves GetEnumerator() => this;

        public bool MoveNext()
        {
            if (kind == DevelopmentKind.Context) return false;
            while (_next < channels.Count)
            {
                var i = _next++;
                if (ListedBefore(channels, i)) continue; // listed twice: one shelf
                var key = (channels[i], kind);
                if (!index._shelves.TryGetValue(key, out var shelf) && create) index._shelves[key] = shelf = new Shelf();
                Current = shelf;
                return true;
            }
            return false;
        }
    }
}
