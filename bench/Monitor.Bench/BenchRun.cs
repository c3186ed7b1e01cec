using System.Globalization;

namespace Monitor.Bench;

/// <summary>`monitor bench`: every measurement in one run, then the table on standard output.</summary>
public static class BenchRun
{
    private static readonly string[] Baselines =
    [
        "raw SQLite = Microsoft.Data.Sqlite on a plain (position, data) table, WAL, synchronous=FULL, same payloads:",
        "  single append: one INSERT per transaction; concurrent and HTTP writes: those sequential inserts per second;",
        "  batched: 1,000 INSERTs per transaction; rebuild: SELECT data FROM events over the store's table;",
        "  as-of query: SELECT data ... WHERE position <= ? ORDER BY position DESC LIMIT 1 (random position).",
        "ours/raw above 1 means slower for times (ms, µs, s) and faster for rates (/s).",
    ];

    public static async Task<int> RunAsync(long events, string? data, string? json, CancellationToken ct)
    {
        if (events < 1)
        {
            await Console.Error.WriteLineAsync("--events must be at least 1.");
            return 1;
        }
        if (json is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(json))))
        {
            await Console.Error.WriteLineAsync($"--json {json}: its folder does not exist. Name a file in a folder that does.");
            return 1;
        }
        using var folder = BenchFolder.Create(data);
        Progress.Phase($"databases in {folder.Root}");
        var rows = new List<BenchRow>();
        var (appends, rawSingles) = await AppendMeasurements.RunAsync(folder);
        rows.AddRange(appends);
        rows.AddRange(await HttpWrites.RunAsync(folder, rawSingles, ct));
        rows.AddRange(await LogMeasurements.RunAsync(folder, events, ct));

        var run = string.Create(CultureInfo.InvariantCulture,
            $"monitor bench: {events:N0} events, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine(run);
        Console.WriteLine();
        ResultTable.Write(Console.Out, rows);
        Console.WriteLine();
        foreach (var line in Baselines) Console.WriteLine(line);
        if (json is not null) await ResultJson.WriteAsync(json, run, rows, ct);
        return 0;
    }
}
