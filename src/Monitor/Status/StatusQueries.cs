using Monitor.Channels;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>Status answers built from the timelines, with the developments they cite.</summary>
public static class StatusQueries
{
    public static ChannelView Status(this ReadModel m, Channel channel, DateOnly asOf, DateTimeOffset? knownAt)
    {
        var entry = m.Board.Timeline(channel.Id)!.At(asOf, knownAt);
        return new ChannelView(channel.Id, channel.Name, entry?.Status ?? StatusRules.Initial, entry?.Since,
            Brief(m, entry?.SinceCause, knownAt), Brief(m, entry?.DevelopmentId, knownAt), asOf, knownAt);
    }

    public static TimelineView Timeline(this ReadModel m, Channel channel, DateTimeOffset? knownAt)
    {
        var entries = m.Board.Timeline(channel.Id)!.Entries(knownAt).ToList();
        var steps = entries.Select(e => new StepView(Brief(m, e.DevelopmentId, knownAt)!, e.Status)).ToList();
        var starts = entries.Where(e => e.SinceCause == e.DevelopmentId).ToList();
        var intervals = starts.Select((e, i) => new IntervalView(e.Status, e.OccurredOn,
            i + 1 < starts.Count ? starts[i + 1].OccurredOn : null, Brief(m, e.DevelopmentId, knownAt)!)).ToList();
        return new TimelineView(channel.Id, knownAt, intervals, steps);
    }

    private static DevelopmentBrief? Brief(ReadModel m, Guid? id, DateTimeOffset? knownAt) =>
        id is { } known && m.Developments.Find(known) is { } record ? DevelopmentBrief.Of(record, knownAt) : null;
}
