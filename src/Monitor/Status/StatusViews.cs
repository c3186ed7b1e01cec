using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// A channel's status on a date, as known at an instant (and, if asked, as reported by a day), with the
/// development that set it, the latest one, and what uncertain developments would make it.
/// <paramref name="Since"/> is the causing development's period; <paramref name="CertainSince"/> the day it was certain.
/// </summary>
public sealed record ChannelView(
    string Id, string Name, ChannelStatus Status, Period? Since, string? SinceText, DateOnly? CertainSince,
    DevelopmentBrief? Cause, DevelopmentBrief? Latest, PossibleStatus? Possibly, int Corroboration,
    DateOnly AsOf, DateTimeOffset? KnownAt, DateOnly? ReportedBy);

/// <summary>What the status would be if developments not yet certain on the day had happened, and which would move it.</summary>
public sealed record PossibleStatus(ChannelStatus Status, IReadOnlyList<DevelopmentBrief> Causes);

/// <summary>A channel's history: status intervals with their cause, and every development with the status it left.</summary>
/// <param name="Next">When the developments are paged, the cursor of the page after this one; null on the last page.</param>
public sealed record TimelineView(
    string Channel, DateOnly AsOf, DateTimeOffset? KnownAt, DateOnly? ReportedBy,
    IReadOnlyList<IntervalView> Intervals, IReadOnlyList<StepView> Developments, string? Next = null);

/// <summary>
/// One status interval. It began with its cause's period (<paramref name="From"/>): possibly from
/// <paramref name="PossiblyFrom"/> (null: no earliest day given), certainly from <paramref name="CertainFrom"/>.
/// </summary>
public sealed record IntervalView(
    ChannelStatus Status, Period From, string FromText, DateOnly? PossiblyFrom, DateOnly CertainFrom,
    Period? Until, string? UntilText, DevelopmentBrief Cause);

/// <summary>A status change: the channel, its status before, and the interval the change began.</summary>
public sealed record ChangeView(Channels.Channel Channel, ChannelStatus From, IntervalView Interval);

/// <param name="Certain">False for a development that may have happened by the timeline's day but is not yet certain.</param>
/// <param name="Overdue">A plan whose date had passed by the timeline's day with no contact held since it was made.</param>
public sealed record StepView(DevelopmentBrief Development, ChannelStatus StatusAfter, bool Certain, bool Overdue);
