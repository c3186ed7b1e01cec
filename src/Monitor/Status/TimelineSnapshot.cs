using Monitor.Collections;

namespace Monitor.Status;

/// <summary>A channel's timeline as it stood at one moment: its entries in fold order, each folded onto the one before.</summary>
public readonly struct TimelineSnapshot
{
    private readonly VersionedList<TimelineEntry>.View _entries;

    private readonly UncertainIndex? _uncertain;
    private readonly DateTimeOffset? _knownAt;

    internal TimelineSnapshot(VersionedList<TimelineEntry>.View entries, UncertainIndex uncertain, DateTimeOffset? knownAt) =>
        (_entries, _uncertain, _knownAt) = (entries, uncertain, knownAt);

    /// <summary>A snapshot of a history given whole: the developments are put in fold order and folded.</summary>
    public static TimelineSnapshot Fold(IEnumerable<TimelineEntry> unordered)
    {
        var sorted = unordered.ToList();
        sorted.Sort(TimelineEntry.ByFoldOrder);
        var entries = new VersionedList<TimelineEntry>();
        var uncertain = new UncertainIndex();
        foreach (var entry in sorted)
        {
            var folded = entry.After(entries.Count > 0 ? entries[entries.Count - 1] : null);
            entries.Add(folded);
            uncertain.Add(folded);
        }
        return new TimelineSnapshot(entries.Current, uncertain, knownAt: null);
    }

    public int Count => _entries.Count;

    public TimelineEntry this[int index] => _entries[index];

    public IEnumerable<TimelineEntry> Entries => _entries.Take(Count);

    public TimelineEntry? Latest => Count > 0 ? this[Count - 1] : null;

    /// <summary>The status on <paramref name="day"/>: the entry that leaves it, and what uncertain developments would make it.</summary>
    public ChannelAt At(DateOnly day)
    {
        var certain = CountCertainBy(day);
        var entry = certain > 0 ? this[certain - 1] : (TimelineEntry?)null;
        var uncertain = _uncertain?.PossibleOn(day, _knownAt).Select(d => (d.Id, d.Kind)) ?? [];
        var (possibly, causes) = StatusFold.Possibly(entry?.Status ?? StatusRules.Initial, uncertain);
        return new ChannelAt(entry, possibly, causes);
    }

    /// <summary>How many entries were certain by <paramref name="day"/>: they come first.</summary>
    public int CountCertainBy(DateOnly day) => ~_entries.BinarySearch(TimelineEntry.ProbeAfter(day), TimelineEntry.ByFoldOrder);

    /// <summary>The first index in [0, count) where <paramref name="before"/> turns false (it must be true, then false).</summary>
    internal static int UpperBound(int count, Func<int, bool> before)
    {
        int low = 0, high = count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (before(mid)) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}

/// <summary>A channel on one day: the entry whose status holds, and what uncertain developments would make it.</summary>
public readonly record struct ChannelAt(TimelineEntry? Entry, ChannelStatus? Possibly, IReadOnlyList<Guid> PossibleCauses)
{
    public ChannelStatus Status => Entry?.Status ?? StatusRules.Initial;
}
