using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// One development's place on a channel's timeline, with the status it leaves the channel in and since
/// when (and because of which development) the channel has been in that status.
/// </summary>
public readonly record struct TimelineEntry(
    PartialDate OccurredOn,
    long Order,
    Guid DevelopmentId,
    DevelopmentKind Kind,
    DateTimeOffset KnownFrom,
    ChannelStatus Status = ChannelStatus.Unknown,
    PartialDate? Since = null,
    Guid? SinceCause = null)
{
    /// <summary>Folds this entry onto the one before it: the brief's rules plus when the current status began.</summary>
    public TimelineEntry After(TimelineEntry? previous)
    {
        var before = previous?.Status ?? StatusRules.Initial;
        var after = StatusRules.Evolve(before, Kind);
        return after != before
            ? this with { Status = after, Since = OccurredOn, SinceCause = DevelopmentId }
            : this with { Status = after, Since = previous?.Since, SinceCause = previous?.SinceCause };
    }

    /// <summary>
    /// Non-zero only for an entry that starts a status interval: a 64-bit hash of (since, status, cause). Summed
    /// over a timeline, it changes exactly when the set of intervals does (collisions aside, at 2^-64).
    /// </summary>
    public long IntervalHash => SinceCause != DevelopmentId ? 0
        : ((long)HashCode.Combine(Since, Status, DevelopmentId) << 32) | (uint)HashCode.Combine(DevelopmentId, Status, Since, 0x5bd1e995);

    public bool SameOutcome(TimelineEntry other) =>
        Status == other.Status && Since == other.Since && SinceCause == other.SinceCause;

    /// <summary>Timeline order: by date (coarser first on the same day), then by when it was written to the log.</summary>
    public static readonly IComparer<TimelineEntry> ByDate = Comparer<TimelineEntry>.Create((a, b) =>
        a.OccurredOn.CompareTo(b.OccurredOn) is var byDate and not 0 ? byDate : a.Order.CompareTo(b.Order));

    /// <summary>Sorts after every entry dated on or before <paramref name="day"/>.</summary>
    public static TimelineEntry ProbeAfter(DateOnly day) =>
        new(PartialDate.Of(day.Year, day.Month, day.Day), long.MaxValue, Guid.Empty, DevelopmentKind.Context, DateTimeOffset.MaxValue);
}
