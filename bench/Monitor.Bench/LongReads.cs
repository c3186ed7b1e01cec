using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Monitor.Projections;

namespace Monitor.Bench;

/// <summary>
/// Writes beside reads that go through much of the filled ledger, served by a server that loaded its snapshot: one client
/// records one development after another, first alone, then while another client makes, one after the other, each read
/// of <see cref="Reads"/>. A read must never hold writes up for its own length: the slowest write beside them is given
/// against the slowest alone, and each read's time beside the raw read of every event.
/// </summary>
public static class LongReads
{
    private const string Key = "bench-long-reads-analyst-key";
    private static readonly TimeSpan Alone = TimeSpan.FromSeconds(10);

    private static readonly (string Name, string Path)[] Reads =
    [
        ("the whole list as CSV", "/api/developments/export?format=csv"),
        ("a word found nowhere, first page", "/api/developments?text=zzzq&limit=50"),
        ("every channel's Atom feed", "/feeds/changes.atom"),
        ("one channel's whole timeline", "/api/channels/military/timeline"),
        ("every channel as reported by a day", "/api/channels?reportedBy=2020-06-30"),
    ];

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(string ledgerFolder, TimeSpan rawRead, CancellationToken ct)
    {
        Progress.Phase("long reads: the server started in-process on the filled ledger, from its snapshot");
        await using var server = BenchServer.Build(ledgerFolder, Key);
        await server.StartAsync(ct);
        await server.Services.GetRequiredService<Projector>().CaughtUp;
        using var http = new HttpClient { BaseAddress = new Uri(AlertLatency.Address(server)), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var day = 0;

        Progress.Phase($"long reads: one writer alone for {Alone.TotalSeconds:N0} s");
        var alone = await WriteWhileAsync(http, () => ++day, Task.Delay(Alone, ct), ct);
        var took = new List<TimeSpan>();
        Progress.Phase($"long reads: the same writer while another client reads {string.Join(", ", Reads.Select(r => r.Path))}");
        var beside = await WriteWhileAsync(http, () => ++day, ReadAllAsync(http, took, ct), ct);
        await server.StopAsync(ct);

        var rows = Reads.Select((read, i) => BenchRow.Info($"long read: {read.Name}", Figure.Seconds(took[i]), Figure.Seconds(rawRead))).ToList();
        rows.Add(BenchRow.Info($"slowest HTTP write beside them ({beside.Count:N0} writes)", Figure.Millis(beside.Percentile(100)),
            Figure.Millis(alone.Percentile(100))));
        rows.Add(BenchRow.Info("HTTP write p99 beside them", Figure.Millis(beside.Percentile(99)), Figure.Millis(alone.Percentile(99))));
        return rows;
    }

    private static async Task ReadAllAsync(HttpClient http, List<TimeSpan> took, CancellationToken ct)
    {
        foreach (var (_, path) in Reads)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.CopyToAsync(Stream.Null, ct);
            took.Add(Stopwatch.GetElapsedTime(started));
            Progress.Phase($"  {path}: {took[^1].TotalSeconds:N2} s");
        }
    }

    /// <summary>Writes one development after another until <paramref name="until"/> completes: the latency of each.</summary>
    private static async Task<Latencies> WriteWhileAsync(HttpClient http, Func<int> nextDay, Task until, CancellationToken ct)
    {
        var latencies = new Latencies(4_096);
        while (!until.IsCompleted)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync("/api/developments", HttpWrites.Body(nextDay()), ct);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"A bench write was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }
        await until; // its failure, if any, is the bench's
        return latencies;
    }
}
