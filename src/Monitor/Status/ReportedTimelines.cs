using System.Runtime.InteropServices;
using Monitor.Channels;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// The channels' timelines on a second time axis: the day each change was published (sources from their
/// publication, corrections and retractions from the day they were recorded), so "as reported by" a day is
/// answered like "as known at" an instant, in O(log n). The log does not arrive in publication order, so the
/// timelines are built whole from the development list, outside the read models' lock, and answer until the next
/// ledger write; while they are behind, a query folds the developments afresh (see <c>StatusQueries</c>).
/// </summary>
public sealed class ReportedTimelines(ChannelCatalog catalog)
{
    private readonly Lock _gate = new();
    private readonly Lock _building = new();
    private (long Revision, StatusBoard Board)? _built;
    private int _buildingBehind;

    /// <summary>The timeline as reported by the day, if the timelines are built for the ledger at <paramref name="revision"/>; null otherwise.</summary>
    public TimelineSnapshot? Snapshot(long revision, string channel, DateOnly reportedBy)
    {
        lock (_gate) return _built is { } built && built.Revision == revision ? built.Board.Timeline(channel)!.Snapshot(Instant(reportedBy)) : null;
    }

    /// <summary>
    /// Builds the timelines for the ledger as the read models now have it, unless built already, with writes going on: what
    /// each development said when is listed a turn at a time (<see cref="ListTurns.InLogOrder"/>), then built. They are
    /// labelled with the revision the listing began at, so a write made meanwhile, which a turn may have met, leaves them
    /// behind from the start: they answer only while no ledger write has come since.
    /// </summary>
    public void Prepare(ReadModel model)
    {
        lock (_building)
        {
            var revision = model.Read(m => m.LedgerRevision);
            if (IsBuilt(revision)) return;
            var board = Build(Published(model));
            lock (_gate)
            {
                if (_built is not { } built || built.Revision < revision) _built = (revision, board);
            }
        }
    }

    /// <summary>
    /// <see cref="Prepare"/> on another thread, unless they are built or a build started here is under way: the query that
    /// asks goes on without them. Over a million developments a build takes seconds, and under steady writes it is behind
    /// again by the time it ends, so no query waits for one.
    /// </summary>
    public void PrepareBehind(ReadModel model, ILogger log)
    {
        if (model.Read(m => IsBuilt(m.LedgerRevision)) || Interlocked.Exchange(ref _buildingBehind, 1) == 1) return;
        // On a thread of its own: on two cores, a build holding a pool thread for seconds beside a query folding on another
        // left none for writes' continuations, which waited up to 2.4 s for the pool to grow.
        _ = Task.Factory.StartNew(() =>
        {
            try
            {
                Prepare(model);
            }
            catch (Exception error)
            {
                log.LogError(error, "Building the as-reported timelines failed; as-reported-by queries are folded afresh until one succeeds");
            }
            finally
            {
                Volatile.Write(ref _buildingBehind, 0);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private bool IsBuilt(long revision)
    {
        lock (_gate) return _built?.Revision == revision;
    }

    /// <summary>Every version of every development with the day it could first be read, in log order.</summary>
    private static List<Version> Published(ReadModel model) =>
        ListTurns.InLogOrder(model, r => AsPublished(r).Select(c => new Version(r.Id, r.Position, c.Day, c.Facts)).ToList()).SelectMany(v => v).ToList();

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
