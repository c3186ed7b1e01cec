using System.Diagnostics;
using Monitor.EventStore;

namespace Monitor.Bench;

/// <summary>Appends to the real store by many writers at once, and in large batches.</summary>
public static class StoreAppends
{
    /// <summary><paramref name="writers"/> tasks, each appending single events to its own stream, <paramref name="total"/> in all.</summary>
    public static async Task<TimeSpan> ConcurrentAsync(IEventStore store, IReadOnlyList<EventData> samples, int writers, int total,
        string streams = "bench-concurrent")
    {
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var expected = ExpectedRevision.NoStream;
            for (var i = w; i < total; i += writers)
            {
                var result = await store.AppendAsync($"{streams}-{w}", expected, [Fresh(samples[i % samples.Count])]);
                expected = ExpectedRevision.At(result.Revision);
            }
        })));
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary><paramref name="batches"/> atomic appends of <paramref name="perBatch"/> events to one stream, built beforehand.</summary>
    public static async Task<TimeSpan> BatchedAsync(IEventStore store, IReadOnlyList<EventData> samples, int batches, int perBatch)
    {
        var prepared = Enumerable.Range(0, batches)
            .Select(b => Enumerable.Range(0, perBatch).Select(i => Fresh(samples[(b * perBatch + i) % samples.Count])).ToList())
            .ToList();
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in prepared) await store.AppendAsync("bench-batched", ExpectedRevision.Any, batch);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The same payload as a new event: event ids are unique in the log.</summary>
    private static EventData Fresh(EventData sample) => sample with { EventId = Guid.CreateVersion7() };
}
