using System.Diagnostics;
using Monitor.EventStore;

namespace Monitor.Bench;

/// <summary>
/// Measurement 1: sequential durable single appends to the store and single raw inserts, taken in turns
/// (which goes first alternates) so both see the same disk, page cache and machine load.
/// <c>rawInsert</c> writes one payload durably, the baseline's way (SQLite or PostgreSQL).
/// </summary>
public static class InterleavedSingles
{
    public static async Task<(Latencies Ours, Latencies Raw)> RunAsync(
        IEventStore store, Func<byte[], Task> rawInsert, IReadOnlyList<EventData> samples, int warmup, int count, string stream = "bench-single")
    {
        var ours = new Latencies(count);
        var baseline = new Latencies(count);
        var expected = ExpectedRevision.NoStream;
        for (var i = 0; i < warmup + count; i++)
        {
            var sample = samples[i % samples.Count];
            var rawTime = TimeSpan.Zero;
            if (i % 2 == 0) rawTime = await TimeRawAsync(rawInsert, sample.Data);
            var started = Stopwatch.GetTimestamp();
            var result = await store.AppendAsync(stream, expected, [sample with { EventId = Guid.CreateVersion7() }]);
            var ourTime = Stopwatch.GetElapsedTime(started);
            expected = ExpectedRevision.At(result.Revision);
            if (i % 2 == 1) rawTime = await TimeRawAsync(rawInsert, sample.Data);
            if (i < warmup) continue;
            ours.Add(ourTime);
            baseline.Add(rawTime);
        }
        return (ours, baseline);
    }

    private static async Task<TimeSpan> TimeRawAsync(Func<byte[], Task> rawInsert, byte[] payload)
    {
        var started = Stopwatch.GetTimestamp();
        await rawInsert(payload);
        return Stopwatch.GetElapsedTime(started);
    }
}
