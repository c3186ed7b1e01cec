namespace Monitor.Status;

/// <summary>
/// One development's place on a channel's timeline, with the status it leaves the channel in, and since
/// when (the day the change was certain) and because of which development the channel has been in that status.
/// </summary>
public readonly record struct TimelineEntry(
    DatedDevelopment Development,
    DateTimeOffset KnownFrom,
    ChannelStatus Status = ChannelStatus.Unknown,
    DateOnly Since = default,
    Guid? SinceCause = null)
{
    public Guid DevelopmentId => Development.Id;
    public DateOnly CertainBy => Development.CertainBy;
    public DateOnly PossibleFrom => Development.PossibleFrom;

    /// <summary>Folds this entry onto the one before it: the brief's rules plus when the current status began.</summary>
    public TimelineEntry After(TimelineEntry? previous)
    {
        var before = previous?.Status ?? StatusRules.Initial;
        var after = StatusRules.Evolve(before, Development.Kind);
        return after != before
            ? this with { Status = after, Since = CertainBy, SinceCause = DevelopmentId }
            : this with { Status = after, Since = previous?.Since ?? default, SinceCause = previous?.SinceCause };
    }

    /// <summary>
    /// Non-zero only for an entry that starts a status interval: a 64-bit hash of (since, status, cause). Summed
    /// over a timeline, it changes exactly when the set of intervals does (collisions aside, at 2^-64).
    /// </summary>
    public long IntervalHash => SinceCause != DevelopmentId ? 0
        : ((long)HashCode.Combine(Since, Status, DevelopmentId, PossibleFrom) << 32)
          | (uint)HashCode.Combine(DevelopmentId, Status, Since, PossibleFrom, 0x5bd1e995);

    public bool SameOutcome(TimelineEntry other) =>
        Status == other.Status && Since == other.Since && SinceCause == other.SinceCause;

    /// <summary>Timeline order: the brief's fold order (certain-by date, period start, then log order).</summary>
    public static readonly IComparer<TimelineEntry> ByFoldOrder =
        Comparer<TimelineEntry>.Create((a, b) => DatedDevelopment.FoldOrder(a.Development, b.Development));

    /// <summary>Sorts after every entry certain by <paramref name="day"/>, and before every other.</summary>
    public static TimelineEntry ProbeAfter(DateOnly day) =>
        new(new DatedDevelopment(Guid.Empty, Recording.DevelopmentKind.Context, DateOnly.MaxValue, day, long.MaxValue), DateTimeOffset.MaxValue);
}
