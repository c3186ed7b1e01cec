using System.Diagnostics;
using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Projections;
using Monitor.Status;

namespace Monitor.Bench;

/// <summary>The read side: a full rebuild from the log, then as-of status queries against the result.</summary>
public static class ReadModelBench
{
    /// <summary>A fresh read model caught up over the whole log, as the server does on start, and how long it took.</summary>
    public static async Task<(ReadModel Model, TimeSpan Elapsed)> RebuildAsync(IEventStore store, CancellationToken ct)
    {
        var model = new ReadModel(new ChannelCatalog(ChannelCatalog.Defaults));
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var batch = await store.ReadAllAsync(model.Checkpoint, CatchUp.BatchSize, ct);
            if (batch.Count == 0) break;
            model.Apply(batch);
        }
        return (model, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Status of a random channel on a random date in the ledger's span, half as known now and half as
    /// known at a random instant while the ledger was being recorded.
    /// </summary>
    public static Latencies AsOfQueries(ReadModel model, int count, Random random, DateTimeOffset recordedFrom, DateTimeOffset recordedTo)
    {
        var channels = model.Board.Catalog.All;
        var days = SyntheticLedger.LastDay.DayNumber - SyntheticLedger.FirstDay.DayNumber + 1;
        var latencies = new Latencies(count);
        for (var i = 0; i < count; i++)
        {
            var channel = channels[random.Next(channels.Count)];
            var asOf = SyntheticLedger.FirstDay.AddDays(random.Next(days));
            DateTimeOffset? knownAt = random.Next(2) == 0 ? null
                : recordedFrom + (recordedTo - recordedFrom) * random.NextDouble();
            var started = Stopwatch.GetTimestamp();
            _ = model.Read(m => m.Status(channel, new Moment(asOf, knownAt, null)));
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }
        return latencies;
    }

    /// <summary>Status of a random channel on a random date, as reported by a random day in the ledger's span (known now).</summary>
    public static Latencies ReportedByQueries(ReadModel model, int count, Random random)
    {
        var channels = model.Board.Catalog.All;
        var days = SyntheticLedger.LastDay.DayNumber - SyntheticLedger.FirstDay.DayNumber + 1;
        var latencies = new Latencies(count);
        for (var i = 0; i < count; i++)
        {
            var channel = channels[random.Next(channels.Count)];
            var asOf = SyntheticLedger.FirstDay.AddDays(random.Next(days));
            var reportedBy = SyntheticLedger.FirstDay.AddDays(random.Next(days));
            var started = Stopwatch.GetTimestamp();
            _ = model.Read(m => m.Status(channel, new Moment(asOf, null, reportedBy)));
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }
        return latencies;
    }
}
