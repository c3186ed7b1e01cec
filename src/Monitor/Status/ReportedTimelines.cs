using System.Runtime.InteropServices;
using Monitor.Channels;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// The channels' timelines on a second time axis: the day each change was published (sources from their
/// publication, corrections and retractions from the day they were recorded), so "as reported by" a day is
/// answered like "as known at" an instant, in O(log n). The log does not arrive in publication order, so the
/// timelines are built whole from the development list, when first asked after a ledger write, and kept until the next.
/// </summary>
public sealed class ReportedTimelines(ChannelCatalog catalog)
{
    private readonly Lock _gate = new();
    private readonly Lock _building = new();
    private (long Revision, StatusBoard Board)? _built;

    /// <param name="revision">The ledger revision <paramref name="developments"/> reflects: a later one makes a rebuild.</param>
    public TimelineSnapshot Snapshot(DevelopmentRegistry developments, long revision, string channel, DateOnly reportedBy)
    {
        StatusBoard board;
        lock (_gate)
        {
            if (_built is not { } built || built.Revision != revision) _built = built = (revision, Build(Published(developments)));
            board = built.Board;
        }
        return board.Timeline(channel)!.Snapshot(Instant(reportedBy));
    }

    /// <summary>
    /// Builds the timelines for the ledger as the read models now have it, unless built already, holding the read models'
    /// lock only to list what each development said when (facts never change once made): the build itself runs while
    /// writes go on. A query that still finds them behind (a write came meanwhile) builds them again under the lock.
    /// </summary>
    public void Prepare(ReadModel model)
    {
        lock (_building)
        {
            var (revision, published) = model.Read(m => (m.LedgerRevision, IsBuilt(m.LedgerRevision) ? null : Published(m.Developments)));
            if (published is null) return;
            var board = Build(published);
            lock (_gate)
            {
                if (_built is not { } built || built.Revision < revision) _built = (revision, board);
            }
        }
    }

    private bool IsBuilt(long revision)
    {
        lock (_gate) return _built?.Revision == revision;
    }

    /// <summary>Every version of every development with the day it could first be read, in log order.</summary>
    private static List<Version> Published(DevelopmentRegistry developments) =>
        developments.InLogOrder.SelectMany(r => AsPublished(r).Select(c => new Version(r.Id, r.Position, c.Day, c.Facts))).ToList();

    /// <summary>A development's version from the day it could first be read (null facts: nothing, or retracted).</summary>
    private readonly record struct Version(Guid Id, long Position, DateOnly Day, PackedFacts? Facts);

    private StatusBoard Build(List<Version> published)
    {
        var board = new StatusBoard(catalog);
        // Stable: one development's changes on the same day keep their order; the last one stands.
        var byDay = published.OrderBy(c => c.Day).ThenBy(c => c.Position).GroupBy(c => c.Day);
        var seen = new Dictionary<Guid, PackedFacts?>();
        var changes = new List<(string Channel, TimelineChange Change)>();
        foreach (var day in byDay)
        {
            // A day's changes go in as one step per channel: publication order is not fold order, so most days
            // rewrite part of the timeline, once a day rather than once a development.
            var onChannels = new Dictionary<string, List<TimelineChange>>(StringComparer.Ordinal);
            foreach (var (id, position, _, facts) in day)
            {
                changes.Clear();
                StatusBoard.ChangesOf(id, seen.GetValueOrDefault(id), facts, position, Instant(day.Key), changes);
                foreach (var (channel, change) in changes)
                    (onChannels.TryGetValue(channel, out var list) ? list : onChannels[channel] = []).Add(change);
                seen[id] = facts;
            }
            foreach (var (channel, list) in onChannels) board.Timeline(channel)?.Change(Instant(day.Key), CollectionsMarshal.AsSpan(list));
        }
        return board;
    }

    /// <summary>
    /// When each version of a development could first be read, and what it then said (null: nothing, or retracted).
    /// The original counts from its first report; a correction from the day it was recorded (once a report of the
    /// corrected facts was out), until the next correction; a retraction from the day it was recorded.
    /// </summary>
    public static IEnumerable<(DateOnly Day, PackedFacts? Facts)> AsPublished(DevelopmentRecord record)
    {
        var versions = record.Corrections.Select(c => (From: Day(c.RecordedAt), Facts: c.Facts!))
            .Prepend((From: DateOnly.MinValue, Facts: record.Original)).ToList();
        var end = record.Retraction is { } retraction ? Day(retraction.RecordedAt) : DateOnly.MaxValue;
        for (var i = 0; i < versions.Count && versions[i].From < end; i++)
        {
            if (i > 0) yield return (versions[i].From, null);
            var facts = WithAddedSources(versions[i].Facts, record);
            var readable = Max(versions[i].From, facts.EarliestReport);
            var until = i + 1 < versions.Count ? versions[i + 1].From : end;
            if (readable < until && readable < end) yield return (readable, facts);
        }
        if (end != DateOnly.MaxValue) yield return (end, null);
    }

    private static PackedFacts WithAddedSources(PackedFacts packed, DevelopmentRecord record)
    {
        if (record.AddedSources.Count == 0) return packed;
        var facts = packed.Unpack();
        var added = record.AddedSources.Select(a => a.Source).Where(a => !facts.Sources.Any(s => DuplicateRule.SameReport(s, a))).ToList();
        return added.Count == 0 ? packed : PackedFacts.Pack(facts with { Sources = [.. facts.Sources, .. added] });
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    private static DateTimeOffset Instant(DateOnly day) =>
        day == DateOnly.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
