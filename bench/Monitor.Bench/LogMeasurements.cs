using System.Diagnostics;
using Monitor.Alerts.Detection;
using Monitor.EventStore.Sqlite;
using Monitor.Projections.Snapshots;

namespace Monitor.Bench;

/// <summary>
/// On a ledger of many events: a full rebuild of the read model and the memory it keeps, as-of queries, timeline pages,
/// then a server restarted on that ledger.
/// </summary>
public static class LogMeasurements
{
    private const int Queries = 100_000;
    private const int Pages = 10_000, PageSize = 50;

    /// <param name="builds">The builds of the server a restart is timed with, the one shipped first.</param>
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchFolder folder, long events, IReadOnlyList<ServerBuild> builds,
        CancellationToken ct)
    {
        List<BenchRow> rows;
        TimeSpan rawRead;
        await using (var store = new SqliteEventStore(folder.Ledger, TimeProvider.System))
        {
            Progress.Phase($"filling the ledger with {events:N0} events, {LedgerFill.BatchSize:N0} per append");
            var recordedFrom = TimeProvider.System.GetUtcNow();
            await LedgerFill.FillAsync(store, events, ct);
            var recordedTo = TimeProvider.System.GetUtcNow();
            var head = await store.HeadPositionAsync(ct);

            Progress.Phase("reading every event raw (SELECT data FROM events)");
            (rawRead, var bytes) = RawSqliteReads.ReadAll(folder.Ledger);
            Progress.Phase($"  {bytes / 1e6:N0} MB in {rawRead.TotalSeconds:N2} s; rebuilding a fresh read model");
            Collect();
            var (pausedBefore, processorBefore, allocatedBefore) =
                (GC.GetTotalPauseDuration(), Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
            var (model, rebuild) = await ReadModelBench.RebuildAsync(store, ct);
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            var processor = Process.GetCurrentProcess().TotalProcessorTime - processorBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            // The texts and the large tables lie outside the collected heap (see FreshChunk): counted with it, as the memory the read models keep.
            var memory = heap + model.Developments.TextBytes + model.Developments.TableBytesOutsideHeap;
            var developments = Math.Max(1, model.Developments.Count);
            Progress.Phase($"  {model.Developments.Count:N0} developments at position {model.Checkpoint:N0}, managed heap {heap / 1e6:N0} MB" +
                $", {model.Developments.TextBytes / 1e6:N0} MB of texts and {model.Developments.TableBytesOutsideHeap / 1e6:N0} MB of tables beside it");

            Progress.Phase($"as-of queries: {Queries:N0} raw lookups, then {Queries:N0} status queries");
            var rawLookups = RawSqliteReads.Lookups(folder.Ledger, head, Queries, new Random(7));
            ReadModelBench.AsOfQueries(model, Queries / 10, new Random(6), recordedFrom, recordedTo);
            var queries = ReadModelBench.AsOfQueries(model, Queries, new Random(7), recordedFrom, recordedTo);
            Progress.Phase($"as-reported-by queries: one folded afresh, the publication-date timelines built once, then {Queries:N0} status queries");
            var folded = ReadModelBench.ReportedByQueries(model, 1, new Random(8)).Percentile(100);
            var building = Stopwatch.GetTimestamp();
            model.Reported.Prepare(model);
            var build = Stopwatch.GetElapsedTime(building);
            var reported = ReadModelBench.ReportedByQueries(model, Queries, new Random(7));
            Progress.Phase($"  then today's news recorded, and {Queries:N0} more as of the days before");
            ReadModelBench.RecordTodaysNews(model);
            var reportedSince = ReadModelBench.ReportedByQueries(model, Queries, new Random(7));
            Progress.Phase($"timeline pages: one channel's whole timeline, then {Pages:N0} pages of {PageSize} from random places");
            var whole = ReadModelBench.WholeTimeline(model);
            ReadModelBench.TimelinePages(model, Pages / 10, PageSize, new Random(9));
            var pages = ReadModelBench.TimelinePages(model, Pages, PageSize, new Random(10));
            Progress.Phase("snapshots: the read models written twice, as a server writes them");
            // A server's alert detection handles the status changes as they come; nothing does here, so they are marked
            // handled, or the snapshot would write every change the rebuild made.
            model.Changes.Handled(model.Checkpoint);
            var (held, saved) = ReadModelBench.Snapshot(model, Path.Combine(folder.LedgerFolder, "bench-snapshot.tmp"));
            GC.KeepAlive(model);

            rows =
            [
                BenchRow.AtMost($"rebuild of {events:N0} events", Figure.Seconds(rebuild), Figure.Seconds(rawRead), 5, "≤ 5 s"),
                // Beside the rebuild itself: how much of it every thread stood still for the collector.
                BenchRow.Info("rebuild: collector pauses", Figure.Seconds(paused), Figure.Seconds(rebuild)),
                // The processor time it took on every thread: steadier than the wall time when the machine drifts, as
                // this VM's does by more than most changes to the rebuild gain.
                BenchRow.Info("rebuild: processor time", Figure.Seconds(processor), Figure.Seconds(rebuild)),
                // Beside it, the bytes of the log it read: what the rebuild allocated, which the collector clears and pages in.
                BenchRow.Info("rebuild: allocated", new Figure(allocated / 1e9, "GB", false), new Figure(bytes / 1e9, "GB", false)),
                // Beside it, what each development takes in the log: the bytes of its stored event.
                BenchRow.AtMost("memory per development (managed heap, texts and tables)", new Figure(memory / 1024.0 / developments, "KB", false),
                    new Figure(bytes / 1024.0 / developments, "KB", false), 1, "≤ 1 KB"),
                BenchRow.Info("as-of query p50", Figure.Micros(queries.Percentile(50)), Figure.Micros(rawLookups.Percentile(50))),
                BenchRow.AtMost("as-of query p99", Figure.Micros(queries.Percentile(99)), Figure.Micros(rawLookups.Percentile(99)),
                    5_000, "≤ 5 ms"),
                BenchRow.Info("reported-by: a query before the timelines are built (folds)", Figure.Millis(folded), Figure.Seconds(rawRead)),
                BenchRow.Info("reported-by: building the timelines", Figure.Millis(build), Figure.Seconds(rawRead)),
                BenchRow.Info("reported-by query p50", Figure.Micros(reported.Percentile(50)), Figure.Micros(rawLookups.Percentile(50))),
                BenchRow.AtMost("reported-by query p99", Figure.Micros(reported.Percentile(99)), Figure.Micros(rawLookups.Percentile(99)),
                    5_000, "≤ 5 ms"),
                // The same once a development is recorded after the timelines were built: the days before it are still theirs.
                BenchRow.AtMost("reported-by query p99, today's news recorded since", Figure.Micros(reportedSince.Percentile(99)),
                    Figure.Micros(rawLookups.Percentile(99)), 5_000, "≤ 5 ms"),
                // Beside it, one channel's whole timeline: a page should cost a page, not the timeline.
                BenchRow.Info($"timeline page of {PageSize} p99", Figure.Micros(pages.Percentile(99)), Figure.Millis(whole)),
                // Beside the whole snapshot's writing: writes wait only while the read models are taken.
                BenchRow.Info("snapshot: writes held off while it is taken", Figure.Millis(held), Figure.Millis(saved)),
            ];
        }
        rows.AddRange(await RestartAsync(folder, events, rawRead, builds, ct));
        rows.AddRange(await LongReads.RunAsync(folder.LedgerFolder, rawRead, ct));
        return rows;
    }

    /// <summary>
    /// `monitor serve` started in a new process on the filled ledger, timed from its launch until GET /health answers
    /// 200 (its read models caught up): what a restart costs. The first start has no snapshot and rebuilds from the log;
    /// it is kept running until it has snapshotted its read models, and the restart timed after it loads that snapshot.
    /// Beside them, the raw read of every event. Then the same on an empty ledger: the part of a restart that is the
    /// runtime, the web server, the scheduler and the bus starting. Restarts and empty starts are timed several times each,
    /// and the middle time is given. All of it for each build: the first, as shipped, against the target; the others
    /// for comparison.
    /// </summary>
    public static async Task<BenchRow[]> RestartAsync(BenchFolder folder, long events, TimeSpan rawRead, IReadOnlyList<ServerBuild> builds,
        CancellationToken ct)
    {
        const string key = "bench-restart-analyst-key";
        // The ledger was filled as if alert detection had kept up: a first start would otherwise alert on its whole history.
        await using (var store = new SqliteEventStore(folder.Ledger, TimeProvider.System))
            await store.SaveCheckpointAsync(DetectionCheckpoint.Subscription, await store.HeadPositionAsync(ct), ct);
        var rows = new List<BenchRow>();
        foreach (var build in builds)
        {
            var shipped = build == builds[0];
            var of = shipped ? "" : $", {build.Name} output";
            Progress.Phase($"first start ({build.Name}): `monitor serve` in a new process on the filled ledger without a snapshot, kept until it snapshots");
            // Each build writes its own: a snapshot is only loaded by the build that wrote it.
            var snapshot = Path.Combine(folder.LedgerFolder, ReadModelSnapshot.FileName);
            File.Delete(snapshot);
            var rebuilt = await ServeProcess.TimeUntilReadyAsync(build, folder.LedgerFolder, key, ct, () => File.Exists(snapshot),
                "--Monitor:Snapshots:EveryEvents=1", "--Monitor:Snapshots:CheckInterval=00:00:00.100");
            Progress.Phase($"  snapshot of {new FileInfo(snapshot).Length / 1e6:N0} MB; restart: `monitor serve` again, timed until it is ready, {Starts} times");
            var ready = await MedianOfAsync(_ => ServeProcess.TimeUntilReadyAsync(build, folder.LedgerFolder, key, ct));
            Progress.Phase($"start ({build.Name}): `monitor serve` started in a new process on an empty ledger, timed until it is ready, {Starts} times");
            var empty = await MedianOfAsync(start =>
            {
                var emptyFolder = Path.Combine(folder.Root, $"bench-empty-{start}");
                if (Directory.Exists(emptyFolder)) Directory.Delete(emptyFolder, recursive: true); // an earlier start's
                return ServeProcess.TimeUntilReadyAsync(build, Directory.CreateDirectory(emptyFolder).FullName, key, ct);
            });
            var restart = $"restart over {events:N0} events, from its snapshot (until it serves){of}";
            rows.AddRange(
            [
                shipped
                    ? BenchRow.AtMost(restart, Figure.Seconds(ready), Figure.Seconds(rawRead), 1, "≤ 1 s")
                    : BenchRow.Info(restart, Figure.Seconds(ready), Figure.Seconds(rawRead)),
                BenchRow.Info($"first start on that ledger, no snapshot (until it serves){of}", Figure.Seconds(rebuilt), Figure.Seconds(rawRead)),
                BenchRow.Info($"start on an empty ledger (until it serves){of}", Figure.Seconds(empty), Figure.Seconds(rawRead)),
            ]);
        }
        return [.. rows];
    }

    /// <summary>How many events the ledger an earlier run filled holds, and its raw read, the baseline of the starts.</summary>
    public static async Task<(long Events, TimeSpan RawRead)> LedgerAsync(BenchFolder folder)
    {
        await using var store = new SqliteEventStore(folder.Ledger, TimeProvider.System);
        var events = await store.HeadPositionAsync(CancellationToken.None);
        Progress.Phase($"a ledger of {events:N0} events; reading every event raw (SELECT data FROM events)");
        return (events, RawSqliteReads.ReadAll(folder.Ledger).Elapsed);
    }

    // A start on this VM varies by ±15 % from one to the next: the rows give the middle of several.
    private const int Starts = 3;

    private static async Task<TimeSpan> MedianOfAsync(Func<int, Task<TimeSpan>> start)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < Starts; i++) times.Add(await start(i));
        Progress.Phase($"  {string.Join(", ", times.Select(t => $"{t.TotalSeconds:N2} s"))}");
        return times.Order().ElementAt(Starts / 2);
    }

    /// <summary>Starts a timed phase without the garbage of the last one.</summary>
    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
