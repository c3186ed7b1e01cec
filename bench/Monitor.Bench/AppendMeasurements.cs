using Monitor.EventStore.Sqlite;

namespace Monitor.Bench;

/// <summary>Measurements 1–3: single, concurrent and batched appends, each beside its raw-SQLite baseline.</summary>
public static class AppendMeasurements
{
    // The same work for every store measured (SQLite here, PostgreSQL in PostgresMeasurements).
    public const int Warmup = 20;
    public const int SingleAppends = 1_000;
    public const int Writers = 64;
    public const int ConcurrentAppends = 20_000;
    public const int Batches = 100;
    public const int PerBatch = 1_000;

    /// <returns>The rows, and the raw baseline's sequential single inserts per second (for the HTTP writes).</returns>
    public static async Task<(IReadOnlyList<BenchRow> Rows, Figure RawSingles)> RunAsync(BenchFolder folder)
    {
        var samples = new SyntheticLedger(PerBatch).Next(PerBatch);
        var payloads = samples.Select(e => e.Data).ToList();
        await using var store = new SqliteEventStore(folder.Appends, TimeProvider.System);
        using var raw = new RawSqliteWrites(folder.Raw);

        Progress.Phase($"single durable appends: {SingleAppends:N0} to the store, {SingleAppends:N0} raw, in turns");
        var (single, rawSingle) = await InterleavedSingles.RunAsync(store, payload =>
        {
            raw.InsertOne(payload);
            return Task.CompletedTask;
        }, samples, Warmup, SingleAppends);

        Progress.Phase($"concurrent appends: {Writers} writers, {ConcurrentAppends:N0} appends");
        var concurrent = await StoreAppends.ConcurrentAsync(store, samples, Writers, ConcurrentAppends);

        Progress.Phase($"batched appends: {Batches} × {PerBatch:N0} events, raw then store");
        var rawBatched = raw.BatchedInserts(payloads, Batches, PerBatch);
        var batched = await StoreAppends.BatchedAsync(store, samples, Batches, PerBatch);

        var rawSequentialRate = Figure.Rate(rawSingle.Count, rawSingle.Total);
        return (
        [
            BenchRow.AtMost("single append p50", Figure.Millis(single.Percentile(50)), Figure.Millis(rawSingle.Percentile(50)),
                1.5 * rawSingle.Percentile(50).TotalMilliseconds, "≤ 1.5× raw"),
            BenchRow.Info("single append p99", Figure.Millis(single.Percentile(99)), Figure.Millis(rawSingle.Percentile(99))),
            BenchRow.AtLeast($"concurrent appends, {Writers} writers", Figure.Rate(ConcurrentAppends, concurrent),
                rawSequentialRate, 5_000, "≥ 5,000 /s"),
            BenchRow.AtLeast($"batched appends, {PerBatch:N0} events/call", Figure.Rate(Batches * PerBatch, batched),
                Figure.Rate(Batches * PerBatch, rawBatched), 100_000, "≥ 100,000 /s"),
        ], rawSequentialRate);
    }
}
