using System.Diagnostics;
using Monitor.EventStore;

namespace Monitor.Bench;

/// <summary>
/// Measurement 1: sequential durable single appends to the store and single raw inserts, taken in turns
/// (which goes first alternates) so both see the same disk, page cache and machine load.
/// </summary>
public static class InterleavedSingles
{
    public static async Task<(Latencies Ours, Latencies Raw)> RunAsync(
        IEventStore store, RawSqliteWrites raw, IReadOnlyList<EventData> samples, int warmup, int count)
    {
        var ours = new Latencies(count);
        var baseline = new Latencies(count);
        var expected = ExpectedRevision.NoStream;
        for (var i = 0; i < warmup + count; i++)
        {
            var sample = samples[i % samples.Count];
            var rawTime = TimeSpan.Zero;
            if (i % 2 == 0) rawTime = TimeRaw(raw, sample.Data);
            var started = Stopwatch.GetTimestamp();
            var result = await store.AppendAsync("bench-single", expected, [sample with { EventId = Guid.CreateVersion7() }]);
            var ourTime = Stopwatch.GetElapsedTime(started);
            expected = ExpectedRevision.At(result.Revision);
            if (i % 2 == 1) rawTime = TimeRaw(raw, sample.Data);
            if (i < warmup) continue;
            ours.Add(ourTime);
            baseline.Add(rawTime);
        }
        return (ours, baseline);
    }

    private static TimeSpan TimeRaw(RawSqliteWrites raw, byte[] payload)
    {
        var started = Stopwatch.GetTimestamp();
        raw.InsertOne(payload);
        return Stopwatch.GetElapsedTime(started);
    }
}
