using Monitor.Channels;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>When a status question is asked: the day in the world, what had been recorded, and what had been published.</summary>
public readonly record struct Moment(DateOnly AsOf, DateTimeOffset? KnownAt, DateOnly? ReportedBy);

/// <summary>Status answers built from the timelines, with the developments they cite.</summary>
public static class StatusQueries
{
    /// <summary>A channel's status at the moment, asked under the read models' lock.</summary>
    public static ChannelView Status(this ReadModel m, Channel channel, Moment at) => m.Status(channel, at, m.Snapshot(channel, at));

    /// <summary>
    /// The channels' statuses at the moment, asked outside the read models' lock: their timelines are taken first (folded a
    /// turn at a time when the moment needs it, see <see cref="Timelines"/>), then each status under the lock.
    /// </summary>
    public static List<ChannelView> Statuses(this ReadModel model, IReadOnlyList<Channel> channels, Moment at)
    {
        var timelines = model.Timelines(channels, at);
        return model.Read(m => channels.Select((channel, i) => m.Status(channel, at, timelines[i])).ToList());
    }

    private static ChannelView Status(this ReadModel m, Channel channel, Moment at, TimelineSnapshot timeline)
    {
        var answer = timeline.At(at.AsOf);
        var cause = Brief(m, answer.Entry?.SinceCause, at);
        var possibly = answer.Possibly is { } status
            ? new PossibleStatus(status, answer.PossibleCauses.Select(id => Brief(m, id, at)!).ToList()) : null;
        return new ChannelView(channel.Id, channel.Name, answer.Status, cause?.OccurredOn, cause?.OccurredOnText,
            cause is null ? null : answer.Entry?.Since, cause, Brief(m, answer.Entry?.DevelopmentId, at), possibly,
            cause?.Corroboration ?? 0, at.AsOf, at.KnownAt, at.ReportedBy);
    }

    /// <summary>
    /// The channel's status intervals and developments at the moment. Developments are listed in fold order, the
    /// certain ones first; a page lists at most its limit of them, after its cursor, and the intervals they began,
    /// so a page costs its own developments, and the pages' intervals put together are the whole timeline's.
    /// </summary>
    /// <remarks>
    /// Asked outside the read models' lock: the timeline as it stands is taken under it, then each development it shows is
    /// looked up under it on its own, so writes go on beside a long answer (a channel's whole timeline over a million
    /// developments held them off for 5 s). A development changed meanwhile is shown as it then stands.
    /// </remarks>
    /// <param name="page">Which developments to list (null: all, and every interval).</param>
    public static TimelineView Timeline(this ReadModel model, Channel channel, Moment at, TimelinePage? page = null)
    {
        var snapshot = model.Timelines([channel], at)[0];
        var certain = snapshot.CountCertainBy(at.AsOf);
        var from = page?.After is { } after ? TimelineSnapshot.UpperBound(snapshot.Count, i => !after.Precedes(snapshot[i])) : 0;
        var limit = page?.Limit ?? int.MaxValue;
        var shown = new List<int>();
        string? next = null;
        for (var i = from; i < snapshot.Count; i++)
        {
            if (i >= certain && snapshot[i].PossibleFrom > at.AsOf) continue; // neither certain nor possible by the day
            if (shown.Count == limit)
            {
                next = TimelineCursor.After(snapshot[shown[^1]]).ToString();
                break;
            }
            shown.Add(i);
        }
        List<DatedDevelopment>? held = null;
        var steps = shown.Select(i => Step(Brief, snapshot[i], at, i < certain, Held())).ToList();
        var end = Math.Min(shown.Count > 0 ? shown[^1] + 1 : from, certain);
        return new TimelineView(channel.Id, at.AsOf, at.KnownAt, at.ReportedBy, Intervals(Brief, snapshot, from, end, certain), steps, next);

        DevelopmentBrief? Brief(Guid? id) => model.Read(m => StatusQueries.Brief(m, id, at));

        // Only a plan past its date asks which contacts were held, all of them: gathered when first asked, once.
        IEnumerable<DatedDevelopment> Held()
        {
            held ??= [.. snapshot.Entries.Take(certain).Where(e => e.Development.Kind == DevelopmentKind.ContactHeld).Select(e => e.Development)];
            foreach (var contact in held) yield return contact;
        }
    }

    /// <summary>
    /// The <paramref name="count"/> changes of <paramref name="channels"/>' timelines as they stand today whose causes were
    /// recorded last, the latest first (by the day they were certain when recorded together). Only those are made into
    /// views: over a million developments, making every interval's took 10 s, under the read lock.
    /// </summary>
    public static List<ChangeView> LatestChanges(this ReadModel m, IReadOnlyList<Channel> channels, DateOnly today, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var at = new Moment(today, null, null);
        var timelines = channels.Select(channel => m.Snapshot(channel, at)).ToList();
        // The worst kept at the head, so that each later start is compared with it alone.
        var kept = new PriorityQueue<ChangeStart, ChangeStart>(count + 1, ChangeStart.WorstFirst);
        var met = 0;
        for (var t = 0; t < timelines.Count; t++)
        {
            var (i, before) = (-1, -1);
            foreach (var entry in timelines[t].Entries.Take(timelines[t].CountCertainBy(today)))
            {
                i++;
                if (entry.SinceCause != entry.DevelopmentId) continue; // not the start of an interval
                // An entry is known from the event that put it there, at or after its development was recorded (the log's
                // times never go back): one known before the worst kept cannot be kept, and its development is not looked up.
                if (kept.Count < count || entry.KnownFrom >= kept.Peek().RecordedAt)
                {
                    var start = new ChangeStart(t, i, before, m.Developments.Find(entry.DevelopmentId)!.RecordedAt, entry.CertainBy, met++);
                    if (kept.Count < count) kept.Enqueue(start, start);
                    else if (ChangeStart.WorstFirst.Compare(start, kept.Peek()) > 0) kept.EnqueueDequeue(start, start);
                }
                before = i;
            }
        }
        return kept.UnorderedItems.Select(k => k.Element).Order(ChangeStart.WorstFirst).Reverse().Select(s =>
        {
            var timeline = timelines[s.Timeline];
            var interval = Intervals(id => Brief(m, id, at), timeline, s.Start, s.Start + 1, timeline.CountCertainBy(today)).Single();
            return new ChangeView(channels[s.Timeline], s.Before < 0 ? ChannelStatus.Unknown : timeline[s.Before].Status, interval);
        }).ToList();
    }

    /// <summary>Where a timeline's interval starts, and the interval before it (-1: none); <see cref="Met"/> orders ties as met.</summary>
    private readonly record struct ChangeStart(int Timeline, int Start, int Before, DateTimeOffset RecordedAt, DateOnly CertainFrom, int Met)
    {
        /// <summary>Recorded earliest, then certain earliest, then met last: the one a feed drops first.</summary>
        public static readonly IComparer<ChangeStart> WorstFirst = Comparer<ChangeStart>.Create((a, b) =>
            a.RecordedAt.CompareTo(b.RecordedAt) is var recorded and not 0 ? recorded
            : a.CertainFrom.CompareTo(b.CertainFrom) is var certain and not 0 ? certain : b.Met.CompareTo(a.Met));
    }

    /// <summary>
    /// The intervals begun by the certain entries in [<paramref name="from"/>, <paramref name="end"/>), each until the next
    /// one began.
    /// </summary>
    /// <param name="brief">A development as the intervals cite it.</param>
    private static List<IntervalView> Intervals(Func<Guid?, DevelopmentBrief?> brief, TimelineSnapshot snapshot, int from, int end, int certain)
    {
        var intervals = new List<IntervalView>();
        var start = NextStart(from);
        var cause = start < end ? brief(snapshot[start].DevelopmentId) : null;
        while (start < end)
        {
            var following = NextStart(start + 1);
            var nextCause = following < certain ? brief(snapshot[following].DevelopmentId) : null;
            var entry = snapshot[start];
            intervals.Add(new IntervalView(entry.Status, cause!.OccurredOn, cause.OccurredOnText,
                entry.PossibleFrom == DateOnly.MinValue ? null : entry.PossibleFrom, entry.CertainBy,
                nextCause?.OccurredOn, nextCause?.OccurredOnText, cause));
            (start, cause) = (following, nextCause);
        }
        return intervals;

        int NextStart(int i)
        {
            while (i < certain && snapshot[i].SinceCause != snapshot[i].DevelopmentId) i++;
            return i;
        }
    }

    private static StepView Step(Func<Guid?, DevelopmentBrief?> brief, TimelineEntry e, Moment at, bool certain, IEnumerable<DatedDevelopment> held)
    {
        var development = brief(e.DevelopmentId)!;
        return new StepView(development, e.Status, certain, certain && Plans.IsOverdue(development.PlannedFor, e.Development, held, at.AsOf));
    }

    /// <summary>
    /// The channel's timeline at the moment, under the read models' lock: one kept (see <see cref="Kept"/>), or folded
    /// afresh from the whole development list.
    /// </summary>
    private static TimelineSnapshot Snapshot(this ReadModel m, Channel channel, Moment at) =>
        m.Kept(channel, at) ?? Folded([channel], m.Developments.InLogOrder.Select(record => Seen(record, at)))[0];

    /// <summary>
    /// The channels' timelines at the moment, outside the read models' lock: those kept are taken under it; otherwise each
    /// development is read as it was then a turn at a time (<see cref="ListTurns.InLogOrder"/>), and folded with writes
    /// going on. Over a million developments a fold takes about a second (more beside writes): under the lock, every write waited as long.
    /// </summary>
    private static TimelineSnapshot[] Timelines(this ReadModel model, IReadOnlyList<Channel> channels, Moment at) =>
        model.Read(m => channels.Select(channel => m.Kept(channel, at)).ToArray()) is var kept && kept.All(t => t is not null)
            ? [.. kept.Select(t => t!.Value)]
            : Folded(channels, ListTurns.InLogOrder(model, record => Seen(record, at)));

    /// <summary>
    /// The timeline the read models keep for the moment: as known at an instant, the channel's own; as reported by a day and
    /// known now, the one built by publication date, when built for the ledger as it stands (see <see cref="ReportedTimelines"/>).
    /// Null when none answers it: as reported by a day and known at an earlier instant (a rarer question), or while the
    /// publication-date timelines are behind.
    /// </summary>
    private static TimelineSnapshot? Kept(this ReadModel m, Channel channel, Moment at) =>
        at.ReportedBy is not { } reportedBy ? m.Board.Timeline(channel.Id)!.Snapshot(at.KnownAt)
        : at.KnownAt is null ? m.Reported.Snapshot(m.LedgerRevision, channel.Id, reportedBy)
        : null;

    /// <summary>A development as recorded by knownAt and published by reportedBy, with the channels it then concerned; null when nothing of it was.</summary>
    private static (TimelineEntry Entry, IReadOnlyList<string> Channels)? Seen(DevelopmentRecord record, Moment at) =>
        record.AsSeen(at.KnownAt, at.ReportedBy) is { } facts
            ? (new TimelineEntry(DatedDevelopment.Of(record.Id, facts, record.Position), record.RecordedAt), facts.Channels)
            : null;

    /// <summary>Each channel's timeline folded from the developments seen, in any order.</summary>
    private static TimelineSnapshot[] Folded(IReadOnlyList<Channel> channels, IEnumerable<(TimelineEntry Entry, IReadOnlyList<string> Channels)?> seen)
    {
        var entries = channels.Select(_ => new List<TimelineEntry>()).ToArray();
        foreach (var development in seen)
        {
            if (development is not var (entry, on)) continue;
            for (var i = 0; i < channels.Count; i++)
            {
                if (on.Contains(channels[i].Id)) entries[i].Add(entry);
            }
        }
        return [.. entries.Select(TimelineSnapshot.Fold)];
    }

    private static DevelopmentBrief? Brief(ReadModel m, Guid? id, Moment at) =>
        id is { } known && m.Developments.Find(known) is { } record ? DevelopmentBrief.Of(record, at.KnownAt, at.ReportedBy) : null;
}
