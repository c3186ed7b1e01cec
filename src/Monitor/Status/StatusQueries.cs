using Monitor.Channels;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>When a status question is asked: the day in the world, what had been recorded, and what had been published.</summary>
public readonly record struct Moment(DateOnly AsOf, DateTimeOffset? KnownAt, DateOnly? ReportedBy);

/// <summary>Status answers built from the timelines, with the developments they cite.</summary>
public static class StatusQueries
{
    public static ChannelView Status(this ReadModel m, Channel channel, Moment at)
    {
        var answer = m.Snapshot(channel, at).At(at.AsOf);
        var cause = Brief(m, answer.Entry?.SinceCause, at);
        var possibly = answer.Possibly is { } status
            ? new PossibleStatus(status, answer.PossibleCauses.Select(id => Brief(m, id, at)!).ToList()) : null;
        return new ChannelView(channel.Id, channel.Name, answer.Status, cause?.OccurredOn, cause?.OccurredOnText,
            cause is null ? null : answer.Entry?.Since, cause, Brief(m, answer.Entry?.DevelopmentId, at), possibly,
            cause?.Corroboration ?? 0, at.AsOf, at.KnownAt, at.ReportedBy);
    }

    /// <param name="page">Which developments to list (null: all); the intervals are always whole.</param>
    public static TimelineView Timeline(this ReadModel m, Channel channel, Moment at, TimelinePage? page = null)
    {
        var snapshot = m.Snapshot(channel, at);
        var certain = snapshot.Entries.TakeWhile(e => e.CertainBy <= at.AsOf).ToList();
        var uncertain = snapshot.Entries.Skip(certain.Count).Where(e => e.PossibleFrom <= at.AsOf);
        var held = certain.Where(e => e.Development.Kind == DevelopmentKind.ContactHeld).Select(e => e.Development).ToList();
        // In fold order, certain first: only the page's developments are cited, the costly part of a long timeline.
        var listed = certain.Select(e => (Entry: e, Certain: true)).Concat(uncertain.Select(e => (Entry: e, Certain: false)));
        if (page?.After is { } after) listed = listed.SkipWhile(step => !after.Precedes(step.Entry));
        var shown = (page is { } paged ? listed.Take(paged.Limit + 1) : listed).ToList();
        string? next = null;
        if (page is { } p && shown.Count > p.Limit)
        {
            shown.RemoveAt(p.Limit);
            next = TimelineCursor.After(shown[^1].Entry).ToString();
        }
        var steps = shown.Select(step => Step(m, step.Entry, at, step.Certain, held)).ToList();
        var starts = certain.Where(e => e.SinceCause == e.DevelopmentId).Select(e => (Entry: e, Cause: Brief(m, e.DevelopmentId, at)!)).ToList();
        var intervals = starts.Select((s, i) => new IntervalView(s.Entry.Status, s.Cause.OccurredOn, s.Cause.OccurredOnText,
            s.Entry.PossibleFrom == DateOnly.MinValue ? null : s.Entry.PossibleFrom, s.Entry.CertainBy,
            i + 1 < starts.Count ? starts[i + 1].Cause.OccurredOn : null, i + 1 < starts.Count ? starts[i + 1].Cause.OccurredOnText : null,
            s.Cause)).ToList();
        return new TimelineView(channel.Id, at.AsOf, at.KnownAt, at.ReportedBy, intervals, steps, next);
    }

    private static StepView Step(ReadModel m, TimelineEntry e, Moment at, bool certain, List<DatedDevelopment> held)
    {
        var brief = Brief(m, e.DevelopmentId, at)!;
        return new StepView(brief, e.Status, certain, certain && Plans.IsOverdue(brief.PlannedFor, e.Development, held, at.AsOf));
    }

    /// <summary>
    /// The channel's timeline at the moment. As reported by a day, and as known now, it comes from the timelines kept by
    /// publication date; as reported by a day and known at an earlier instant, it is folded afresh from what had then
    /// been recorded and published (a rarer question, answered in time linear in the history).
    /// </summary>
    private static TimelineSnapshot Snapshot(this ReadModel m, Channel channel, Moment at)
    {
        if (at.ReportedBy is not { } reportedBy) return m.Board.Timeline(channel.Id)!.Snapshot(at.KnownAt);
        if (at.KnownAt is null) return m.Reported.Snapshot(m.Developments, m.LedgerRevision, channel.Id, reportedBy);
        var seen = new List<TimelineEntry>();
        foreach (var record in m.Developments.InLogOrder)
        {
            if (record.AsSeen(at.KnownAt, reportedBy) is { } facts && facts.Channels.Contains(channel.Id))
                seen.Add(new TimelineEntry(DatedDevelopment.Of(record.Id, facts, record.Position), record.RecordedAt));
        }
        return TimelineSnapshot.Fold(seen);
    }

    private static DevelopmentBrief? Brief(ReadModel m, Guid? id, Moment at) =>
        id is { } known && m.Developments.Find(known) is { } record ? DevelopmentBrief.Of(record, at.KnownAt, at.ReportedBy) : null;
}
