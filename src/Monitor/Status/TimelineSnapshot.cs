using System.Collections.Immutable;

namespace Monitor.Status;

/// <summary>A channel's timeline as it stood at one moment: its entries in fold order, each folded onto the one before.</summary>
public readonly struct TimelineSnapshot
{
    private readonly ImmutableList<TimelineEntry>? _base;
    private readonly IReadOnlyList<TimelineEntry>? _tail;
    private readonly int _known;

    private readonly UncertainIndex? _uncertain;
    private readonly DateTimeOffset? _knownAt;

    internal TimelineSnapshot(ImmutableList<TimelineEntry> @base, IReadOnlyList<TimelineEntry> tail, int known,
        UncertainIndex uncertain, DateTimeOffset? knownAt) =>
        (_base, _tail, _known, _uncertain, _knownAt) = (@base, tail, known, uncertain, knownAt);

    /// <summary>A snapshot of a history given whole: the developments are put in fold order and folded.</summary>
    public static TimelineSnapshot Fold(IEnumerable<TimelineEntry> unordered)
    {
        var entries = unordered.ToList();
        entries.Sort(TimelineEntry.ByFoldOrder);
        var uncertain = new UncertainIndex();
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i] = entries[i].After(i > 0 ? entries[i - 1] : null);
            uncertain.Add(entries[i]);
        }
        return new TimelineSnapshot([], entries, entries.Count, uncertain, knownAt: null);
    }

    private int BaseCount => _base?.Count ?? 0;

    public int Count => BaseCount + _known;

    public TimelineEntry this[int index] => index < BaseCount ? _base![index] : _tail![index - BaseCount];

    public IEnumerable<TimelineEntry> Entries => _base is null ? [] : _base.Concat(_tail!.Take(_known));

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

    /// <summary>How many entries were certain by <paramref name="day"/>: they come first. The tail is searched first, as it is newest.</summary>
    private int CountCertainBy(DateOnly day)
    {
        var probe = TimelineEntry.ProbeAfter(day);
        int baseCount = BaseCount, known = _known;
        var tail = _tail;
        if (known > 0 && TimelineEntry.ByFoldOrder.Compare(tail![0], probe) < 0)
            return baseCount + UpperBound(known, i => TimelineEntry.ByFoldOrder.Compare(tail[i], probe) < 0);
        return baseCount == 0 ? 0 : ~_base!.BinarySearch(probe, TimelineEntry.ByFoldOrder);
    }

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
