using Monitor.Recording;

namespace Monitor.Status;

/// <summary>A channel's status on a date, as known at an instant, with the development that set it and the latest one.</summary>
public sealed record ChannelView(
    string Id, string Name, ChannelStatus Status, PartialDate? Since, DevelopmentBrief? Cause, DevelopmentBrief? Latest,
    DateOnly AsOf, DateTimeOffset? KnownAt);

/// <summary>A channel's history: status intervals with their cause, and every development with the status it left.</summary>
public sealed record TimelineView(string Channel, DateTimeOffset? KnownAt, IReadOnlyList<IntervalView> Intervals, IReadOnlyList<StepView> Developments);

public sealed record IntervalView(ChannelStatus Status, PartialDate From, PartialDate? Until, DevelopmentBrief Cause);

public sealed record StepView(DevelopmentBrief Development, ChannelStatus StatusAfter);
