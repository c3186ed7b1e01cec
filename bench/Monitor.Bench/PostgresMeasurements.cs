using Microsoft.Extensions.Logging.Abstractions;
using Monitor.EventStore.Postgres;
using static Monitor.Bench.AppendMeasurements;

namespace Monitor.Bench;

/// <summary>
/// The store measurements on PostgreSQL (Monitor:Store=postgres), each beside raw Npgsql writing the same payloads
/// to the same server in the same run: single-row INSERTs, multi-row INSERTs and COPY.
/// </summary>
public static class PostgresMeasurements
{

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(string connectionString)
    {
        var samples = new SyntheticLedger(PerBatch).Next(PerBatch);
        var payloads = samples.Select(e => e.Data).ToList();
        await using var store = PostgresEventStore.Open(connectionString, NullLogger.Instance);
        await using var raw = await RawPostgresWrites.CreateAsync(connectionString);
        var run = Guid.NewGuid().ToString("N")[..8]; // streams of their own: the database may hold an earlier run's

        Progress.Phase($"PostgreSQL: single durable appends, {SingleAppends:N0} to the store and {SingleAppends:N0} raw INSERTs, in turns");
        var (single, rawSingle) = await InterleavedSingles.RunAsync(store, raw.InsertOneAsync, samples, Warmup, SingleAppends, "bench-single-" + run);

        Progress.Phase($"PostgreSQL: concurrent appends, {Writers} writers, {ConcurrentAppends:N0} appends");
        var concurrent = await StoreAppends.ConcurrentAsync(store, samples, Writers, ConcurrentAppends, "bench-concurrent-" + run);

        Progress.Phase($"PostgreSQL: batched, {Batches} × {PerBatch:N0} events: raw multi-row INSERTs, raw COPY, then the store");
        var multiRow = await raw.MultiRowInsertsAsync(payloads, Batches, PerBatch);
        var copy = await raw.CopiesAsync(payloads, Batches, PerBatch);
        var batched = await StoreAppends.BatchedAsync(store, samples, Batches, PerBatch);

        var rawRate = Figure.Rate(rawSingle.Count, rawSingle.Total);
        var events = Batches * PerBatch;
        return
        [
            BenchRow.AtMost("single append p50", Figure.Millis(single.Percentile(50)), Figure.Millis(rawSingle.Percentile(50)),
                1.5 * rawSingle.Percentile(50).TotalMilliseconds, "≤ 1.5× raw INSERT"),
            BenchRow.Info("single append p99", Figure.Millis(single.Percentile(99)), Figure.Millis(rawSingle.Percentile(99))),
            BenchRow.AtLeast($"concurrent appends, {Writers} writers", Figure.Rate(ConcurrentAppends, concurrent), rawRate, 5_000, "≥ 5,000 /s"),
            BenchRow.Info($"batched appends vs multi-row INSERT", Figure.Rate(events, batched), Figure.Rate(events, multiRow)),
            BenchRow.Info($"batched appends vs COPY", Figure.Rate(events, batched), Figure.Rate(events, copy)),
        ];
    }
}
