using System.Globalization;

namespace Monitor.Bench;

/// <summary>`monitor bench`: every measurement in one run, then the table on standard output.</summary>
public static class BenchRun
{
    private static readonly string[] Baselines =
    [
        "raw SQLite = Microsoft.Data.Sqlite on a plain (position, data) table, WAL, synchronous=FULL, same payloads:",
        "  single append: one INSERT per transaction; concurrent and HTTP writes: those sequential inserts per second;",
        "  batched: 1,000 INSERTs per transaction; rebuild and restart: SELECT data FROM events over the store's table;",
        "  rebuild's processor time: beside its wall time; what it allocated: beside the bytes of the events' data it read;",
        "  writes under list readers: the same writes in rounds without readers, between the loaded rounds;",
        "  as-of query: SELECT data ... WHERE position <= ? ORDER BY position DESC LIMIT 1 (random position);",
        "  timeline page: not raw SQLite but one channel's whole timeline, read from the same read model;",
        "  long reads: each over HTTP beside the raw read of every event; writes beside them: the same writer alone.",
        "Starts and restarts run `monitor serve` as `dotnet publish` makes it (with its runtime, compiled ahead of time, as deploy/ ships it);",
        "  rows that name `dotnet build` run the build output `dotnet run` starts, compiled by the JIT as it runs.",
        "ours/raw above 1 means slower for times (ms, µs, s) and faster for rates (/s).",
    ];

    public static async Task<int> RunAsync(long events, string? data, string? json, CancellationToken ct)
    {
        if (events < 1)
        {
            await Console.Error.WriteLineAsync("--events must be at least 1.");
            return 1;
        }
        if (!await JsonFolderExistsAsync(json)) return 1;
        using var folder = BenchFolder.Create(data);
        Progress.Phase($"databases in {folder.Root}");
        // Before anything is timed: publishing keeps both cores busy for a while.
        var builds = await ServerBuild.ToTimeAsync(folder, ct);
        var rows = new List<BenchRow>();
        var (appends, rawSingles) = await AppendMeasurements.RunAsync(folder);
        rows.AddRange(appends);
        rows.AddRange(await HttpWrites.RunAsync(folder, rawSingles, ct));
        rows.AddRange(await LogMeasurements.RunAsync(folder, events, builds, ct));

        await ReportAsync(string.Create(CultureInfo.InvariantCulture, $"monitor bench: {events:N0} events"), rows, "raw SQLite", Baselines, json, ct);
        return 0;
    }

    /// <summary>`starts`: the restart rows of a full run, over the ledger an earlier `--data` run left in <paramref name="data"/>.</summary>
    public static async Task<int> RunStartsAsync(string data, string? json, CancellationToken ct)
    {
        if (!await JsonFolderExistsAsync(json)) return 1;
        using var folder = BenchFolder.Existing(data);
        if (folder is null)
        {
            await Console.Error.WriteLineAsync($"--data {data}: no filled ledger there. Run the whole bench with --data {data} first.");
            return 1;
        }
        var builds = await ServerBuild.ToTimeAsync(folder, ct);
        var (events, rawRead) = await LogMeasurements.LedgerAsync(folder);
        var rows = await LogMeasurements.RestartAsync(folder, events, rawRead, builds, ct);
        await ReportAsync(string.Create(CultureInfo.InvariantCulture, $"monitor bench starts: {events:N0} events"), rows, "raw SQLite", Baselines, json, ct);
        return 0;
    }

    /// <summary>`postgres`: the store on PostgreSQL beside raw Npgsql, on the database named.</summary>
    public static async Task<int> RunPostgresAsync(string connectionString, string? json, CancellationToken ct)
    {
        if (!await JsonFolderExistsAsync(json)) return 1;
        var rows = await PostgresMeasurements.RunAsync(connectionString);
        await ReportAsync("monitor bench postgres", rows, "raw Npgsql", PostgresBaselines, json, ct);
        return 0;
    }

    private static readonly string[] PostgresBaselines =
    [
        "raw Npgsql = the same payloads into a plain (position bigserial, data bytea) table of the same database, synchronous_commit on:",
        "  single append: one INSERT per transaction; concurrent: those sequential inserts per second;",
        "  batched: 1,000 rows per transaction, as one multi-row INSERT (unnest) or one binary COPY.",
        "ours/raw above 1 means slower for times (ms) and faster for rates (/s).",
    ];

    private static async Task ReportAsync(string title, IReadOnlyList<BenchRow> rows, string baseline, string[] baselines, string? json,
        CancellationToken ct)
    {
        var run = string.Create(CultureInfo.InvariantCulture,
            $"{title}, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine(run);
        Console.WriteLine();
        ResultTable.Write(Console.Out, rows, baseline);
        Console.WriteLine();
        foreach (var line in baselines) Console.WriteLine(line);
        if (json is not null) await ResultJson.WriteAsync(json, run, rows, ct);
    }

    private static async Task<bool> JsonFolderExistsAsync(string? json)
    {
        if (json is null || Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(json)))) return true;
        await Console.Error.WriteLineAsync($"--json {json}: its folder does not exist. Name a file in a folder that does.");
        return false;
    }
}
