using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// One development's place on a channel's timeline, with the status it leaves the channel in, and since
/// when (the day the change was certain) and because of which development the channel has been in that status.
/// </summary>
/// <remarks>
/// Each development's entry is kept once or twice per channel (see <see cref="ChannelTimeline"/>): a million of them are
/// most of the timelines' memory, so the fields are laid out flat in 64 bytes (the instant as UTC ticks, no cause as
/// <see cref="Guid.Empty"/>, the kind and status as bytes) where the nested records took 88.
/// </remarks>
public readonly struct TimelineEntry
{
    private readonly Guid _id;
    private readonly Guid _sinceCause;
    private readonly long _order;
    private readonly long _knownFromTicks;
    private readonly DateOnly _possibleFrom;
    private readonly DateOnly _certainBy;
    private readonly DateOnly _since;
    private readonly byte _kind;
    private readonly byte _status;

    public TimelineEntry(DatedDevelopment development, DateTimeOffset knownFrom)
        : this(development, knownFrom.UtcTicks, ChannelStatus.Unknown, default, Guid.Empty)
    {
    }

    private TimelineEntry(DatedDevelopment development, long knownFromTicks, ChannelStatus status, DateOnly since, Guid sinceCause)
    {
        (_id, var kind, _possibleFrom, _certainBy, _order) = development;
        _kind = (byte)kind;
        _knownFromTicks = knownFromTicks;
        _status = (byte)status;
        _since = since;
        _sinceCause = sinceCause;
    }

    public DatedDevelopment Development => new(_id, (DevelopmentKind)_kind, _possibleFrom, _certainBy, _order);

    /// <summary>When the monitor learned of the development in this form.</summary>
    public DateTimeOffset KnownFrom => new(_knownFromTicks, TimeSpan.Zero);

    public ChannelStatus Status => (ChannelStatus)_status;

    /// <summary>The day the channel's status began (the certain-by day of <see cref="SinceCause"/>).</summary>
    public DateOnly Since => _since;

    /// <summary>The development that put the channel in its status; null before any did.</summary>
    public Guid? SinceCause => _sinceCause == Guid.Empty ? null : _sinceCause;

    public Guid DevelopmentId => _id;
    public DateOnly CertainBy => _certainBy;
    public DateOnly PossibleFrom => _possibleFrom;

    /// <summary>Whether the monitor knew of it at <paramref name="at"/>.</summary>
    public bool KnownAt(DateTimeOffset at) => _knownFromTicks <= at.UtcTicks;

    /// <summary>Folds this entry onto the one before it: the brief's rules plus when the current status began.</summary>
    public TimelineEntry After(TimelineEntry? previous)
    {
        var before = previous?.Status ?? StatusRules.Initial;
        var after = StatusRules.Evolve(before, (DevelopmentKind)_kind);
        return after != before
            ? new TimelineEntry(Development, _knownFromTicks, after, _certainBy, _id)
            : new TimelineEntry(Development, _knownFromTicks, after, previous?._since ?? default, previous?._sinceCause ?? Guid.Empty);
    }

    /// <summary>
    /// Non-zero only for an entry that starts a status interval: a 64-bit hash of (since, status, cause). Summed
    /// over a timeline, it changes exactly when the set of intervals does (collisions aside, at 2^-64).
    /// </summary>
    public long IntervalHash => _sinceCause != _id ? 0
        : ((long)HashCode.Combine(Since, Status, _id, PossibleFrom) << 32)
          | (uint)HashCode.Combine(_id, Status, Since, PossibleFrom, 0x5bd1e995);

    public bool SameOutcome(TimelineEntry other) =>
        _status == other._status && _since == other._since && _sinceCause == other._sinceCause;

    /// <summary>Timeline order: the brief's fold order (certain-by date, period start, then log order).</summary>
    public static readonly IComparer<TimelineEntry> ByFoldOrder =
        Comparer<TimelineEntry>.Create((a, b) => DatedDevelopment.FoldOrder(a.Development, b.Development));

    /// <summary>Sorts after every entry certain by <paramref name="day"/>, and before every other.</summary>
    public static TimelineEntry ProbeAfter(DateOnly day) =>
        new(new DatedDevelopment(Guid.Empty, DevelopmentKind.Context, DateOnly.MaxValue, day, long.MaxValue), DateTimeOffset.MaxValue);
}
