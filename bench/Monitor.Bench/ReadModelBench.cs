using System.Diagnostics;
using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Projections;
using Monitor.Projections.Snapshots;
using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Bench;

/// <summary>The read side: a full rebuild from the log, then status queries and timeline pages against the result.</summary>
public static class ReadModelBench
{
    /// <summary>A fresh read model caught up over the whole log, as the server does on start, and how long it took.</summary>
    public static async Task<(ReadModel Model, TimeSpan Elapsed)> RebuildAsync(IEventStore store, CancellationToken ct)
    {
        var model = new ReadModel(new ChannelCatalog(ChannelCatalog.Defaults));
        var head = await store.HeadPositionAsync(ct);
        var started = Stopwatch.GetTimestamp();
        model.Expect(head); // as the projector does
        using var caughtUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            await foreach (var batch in store.SubscribeDecoded(model.Checkpoint, model.Decode, caughtUp.Token))
            {
                model.Apply(batch);
                if (model.Checkpoint >= head) await caughtUp.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // caught up
        }
        return (model, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Status of a random channel on a random date in the ledger's span, half as known now and half as
    /// known at a random instant while the ledger was being recorded.
    /// </summary>
    public static Latencies AsOfQueries(ReadModel model, int count, Random random, DateTimeOffset recordedFrom, DateTimeOffset recordedTo) =>
        Queries(model, count, random, asOf => new Moment(asOf,
            random.Next(2) == 0 ? null : recordedFrom + (recordedTo - recordedFrom) * random.NextDouble(), null));

    /// <summary>Status of a random channel on a random date, as reported by a random day in the ledger's span (known now).</summary>
    public static Latencies ReportedByQueries(ReadModel model, int count, Random random) =>
        Queries(model, count, random, asOf => new Moment(asOf, null, RandomDay(random)));

    /// <summary>
    /// Records a development as today's news, published today, as a server does many times a day: what the as-reported
    /// timelines built before it must still answer for the days before.
    /// </summary>
    public static void RecordTodaysNews(ReadModel model)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var on = PartialDate.Of(today.Year, today.Month, today.Day);
        var facts = new DevelopmentFacts(["military"], DevelopmentKind.ContactHeld, Period.Of(on), "Defense chiefs held a video call, officials said.",
            [], [new Source("US and Chinese defense chiefs hold a call", "Reuters", null, on, "\"The two sides held a call,\" officials said.")]);
        var data = LedgerCodec.Encode(new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), facts));
        model.Apply([new RecordedEvent(Ledger.StreamName, model.LedgerRevision + 1, model.Checkpoint + 1, data.EventId, data.Type, data.Data,
            DateTimeOffset.UtcNow)]);
    }

    /// <summary>
    /// Pages of <paramref name="limit"/> developments from a random place in a random channel's timeline (as a client
    /// following a cursor gets them), as of today and known now, each with the intervals its developments began.
    /// </summary>
    public static Latencies TimelinePages(ReadModel model, int count, int limit, Random random)
    {
        var channels = model.Board.Catalog.All;
        var today = new Moment(DateOnly.FromDateTime(DateTime.UtcNow), null, null);
        var latencies = new Latencies(count);
        for (var i = 0; i < count; i++)
        {
            var channel = channels[random.Next(channels.Count)];
            var entries = model.Read(m => m.Board.Timeline(channel.Id)!.Snapshot(null));
            var page = new TimelinePage(limit, entries.Count == 0 ? null : TimelineCursor.After(entries[random.Next(entries.Count)]));
            var started = Stopwatch.GetTimestamp();
            _ = model.Timeline(channel, today, page);
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }
        return latencies;
    }

    /// <summary>
    /// One channel's whole timeline, every interval and development, as of today and known now: what one page is measured
    /// against.
    /// </summary>
    public static TimeSpan WholeTimeline(ReadModel model)
    {
        var today = new Moment(DateOnly.FromDateTime(DateTime.UtcNow), null, null);
        var started = Stopwatch.GetTimestamp();
        _ = model.Timeline(model.Board.Catalog.All[0], today);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// The read models written as a snapshot to <paramref name="path"/> (then deleted) twice, as a running server writes them:
    /// how long writes were held off while the second was taken, and how long writing it took.
    /// </summary>
    public static (TimeSpan Held, TimeSpan Whole) Snapshot(ReadModel model, string path)
    {
        try
        {
            (TimeSpan, TimeSpan) Once()
            {
                var started = Stopwatch.GetTimestamp();
                using var file = new FileStream(path, FileMode.Create);
                using var to = new SnapshotWriter(file);
                var held = model.Save(to).WritesHeld;
                to.Flush();
                return (held, Stopwatch.GetElapsedTime(started));
            }
            Once(); // the first runs its code for the first time
            return Once();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Latencies Queries(ReadModel model, int count, Random random, Func<DateOnly, Moment> moment)
    {
        var channels = model.Board.Catalog.All;
        var latencies = new Latencies(count);
        for (var i = 0; i < count; i++)
        {
            var channel = channels[random.Next(channels.Count)];
            var at = moment(RandomDay(random));
            var started = Stopwatch.GetTimestamp();
            _ = model.Statuses([channel], at); // as the API asks
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }
        return latencies;
    }

    private static DateOnly RandomDay(Random random) =>
        SyntheticLedger.FirstDay.AddDays(random.Next(SyntheticLedger.LastDay.DayNumber - SyntheticLedger.FirstDay.DayNumber + 1));
}
