using System.Runtime.InteropServices;
using Monitor.Channels;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// The channels' timelines on a second time axis: the day each change was published (sources from their
/// publication, corrections and retractions from the day they were recorded), so "as reported by" a day is
/// answered like "as known at" an instant, in O(log n). The log does not arrive in publication order, so the
/// timelines are built whole from the development list, outside the read models' lock. A ledger write since leaves
/// the days before the first one it changed on a channel as they were (news is mostly published the day it is
/// recorded), so the built timelines go on answering those; for a later day, a query folds the developments afresh
/// (see <c>StatusQueries</c>) while they are built again.
/// </summary>
public sealed class ReportedTimelines(ChannelCatalog catalog)
{
    private readonly Lock _gate = new();
    private readonly Lock _building = new();
    private (long Revision, StatusBoard Board, Writes Since)? _built;
    private int _buildingBehind;
    // What ledger writes did since each build under way, and since the built one, began; replaced whole under _gate.
    private Writes[] _following = [];

    /// <summary>
    /// The timeline as reported by the day, if the timelines are built for the ledger at <paramref name="revision"/>, or
    /// for an earlier one and no ledger write since changed the channel on that day or before; null otherwise.
    /// </summary>
    /// <remarks>Under the read models' lock, which orders it after the writes it was given.</remarks>
    public TimelineSnapshot? Snapshot(long revision, string channel, DateOnly reportedBy)
    {
        lock (_gate) return Answering(revision, channel, reportedBy)?.Timeline(channel)!.Snapshot(Instant(reportedBy));
    }

    private StatusBoard? Answering(long revision, string channel, DateOnly reportedBy) =>
        _built is { } built && (built.Revision == revision || built.Since.LeftAlone(channel, reportedBy)) ? built.Board : null;

    /// <summary>Whether a ledger write must say what it changed (<see cref="Changed"/>): timelines are built or being built.</summary>
    public bool Following => Volatile.Read(ref _following).Length > 0;

    /// <summary>
    /// Notes what a ledger event did to a development on the publication axis, for the timelines built or being built:
    /// from the first version it changed, on every channel the development concerned.
    /// </summary>
    /// <param name="before">The development's <see cref="AsPublished"/> before the event (empty: new).</param>
    /// <remarks>Under the read models' write lock, as the event is applied.</remarks>
    public void Changed(IReadOnlyList<(DateOnly Day, PackedFacts? Facts)> before, DevelopmentRecord development)
    {
        var after = AsPublished(development).ToList();
        var same = 0;
        while (same < before.Count && same < after.Count && before[same].Day == after[same].Day && ReferenceEquals(before[same].Facts, after[same].Facts))
            same++;
        if (same == before.Count && same == after.Count) return;
        var from = Min(same < before.Count ? before[same].Day : DateOnly.MaxValue, same < after.Count ? after[same].Day : DateOnly.MaxValue);
        var channels = before.Concat(after).SelectMany(v => v.Facts?.Channels ?? []).Distinct();
        foreach (var writes in Volatile.Read(ref _following)) writes.Changed(channels, from);
    }

    /// <summary>The first day each channel's answer may have changed on since a build began.</summary>
    private sealed class Writes
    {
        private readonly Dictionary<string, DateOnly> _changedFrom = new(StringComparer.Ordinal);

        public void Changed(IEnumerable<string> channels, DateOnly from)
        {
            foreach (var channel in channels) _changedFrom[channel] = Min(from, _changedFrom.GetValueOrDefault(channel, DateOnly.MaxValue));
        }

        public bool LeftAlone(string channel, DateOnly day) => !_changedFrom.TryGetValue(channel, out var from) || day < from;
    }

    /// <summary>
    /// Builds the timelines for the ledger as the read models now have it, unless built already, with writes going on: what
    /// each development said when is listed a turn at a time (<see cref="ListTurns.InLogOrder"/>), then built. They are
    /// labelled with the revision the listing began at, and what every write from then on changed is followed: a write made
    /// meanwhile, which a turn may have met, counts as one made since, so they never answer a day it changed.
    /// </summary>
    public void Prepare(ReadModel model)
    {
        lock (_building)
        {
            var since = new Writes();
            // Followed from the revision the listing begins at: no write comes between the two, under the read lock.
            var revision = model.Read(m =>
            {
                Follow(since, stop: null);
                return m.LedgerRevision;
            });
            var dropped = since; // no longer followed once this ends: this build's, unless it is kept, or the one it replaces
            try
            {
                if (IsBuilt(revision)) return;
                var board = Build(Published(model));
                lock (_gate)
                {
                    if (_built is { } built && built.Revision >= revision) return;
                    dropped = _built?.Since;
                    _built = (revision, board, since);
                }
            }
            finally
            {
                if (dropped is not null) Follow(start: null, stop: dropped);
            }
        }
    }

    private void Follow(Writes? start, Writes? stop)
    {
        lock (_gate) _following = [.. _following.Where(w => w != stop), .. start is null ? [] : new[] { start }];
    }

    /// <summary>
    /// <see cref="Prepare"/> on another thread, unless the timelines built answer every channel as reported by
    /// <paramref name="reportedBy"/> or a build started here is under way: the query that asks goes on without them. Over a
    /// million developments a build takes seconds, and under steady writes it is behind again by the time it ends, so no
    /// query waits for one.
    /// </summary>
    public void PrepareBehind(ReadModel model, DateOnly reportedBy, ILogger log)
    {
        if (model.Read(m => AnswersEveryChannel(m.LedgerRevision, reportedBy)) || Interlocked.Exchange(ref _buildingBehind, 1) == 1) return;
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

    private bool AnswersEveryChannel(long revision, DateOnly reportedBy)
    {
        lock (_gate) return catalog.All.All(c => Answering(revision, c.Id, reportedBy) is not null);
    }

    private bool IsBuilt(long revision)
    {
        lock (_gate) return _built is { } built && built.Revision == revision;
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

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    private static DateTimeOffset Instant(DateOnly day) =>
        day == DateOnly.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
