using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Monitor.Projections;

namespace Monitor.Bench;

/// <summary>
/// Recording through HTTP, as clients do: POST /api/developments from 1, 4 and 16 writers at once against the real
/// server on loopback (embedded store, no seeds), each write a valid development of its own day on its own channel, so
/// none is a duplicate of another. Beside it, the raw baseline: single durable SQLite inserts, one after another.
/// </summary>
public static class HttpWrites
{
    private const string Key = "bench-http-writes-analyst-key";
    private const int WritesPerLevel = 4_000;
    // A fresh server runs its request path as tier-0 code until the JIT has tiered it up, which here takes some 20,000
    // requests; a server's life is spent after that, so that is what the levels measure.
    private const int WarmupWrites = 24_000;
    // Each level's first second after a quieter one ran 15-25 % below the same level run again at once (the JIT idle by
    // then): the first writes of a level are its run-in, not its rate.
    private const int RunInWrites = 1_000;
    private const int Readers = 50;
    private const int Rounds = 3;
    private static readonly int[] WriterCounts = [1, 4, 16];
    private static readonly string[] Kinds = ["contact-held", "declined", "suspended", "restoration-agreed", "context", "contact-requested"];
    private static readonly string[] Channels = ["military", "theater-commander", "defense-minister"];

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchFolder folder, Figure rawSingles, CancellationToken ct)
    {
        var data = Path.Combine(folder.Root, "http-writes");
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true); // an earlier run's, with --data: its days would be duplicates
        Directory.CreateDirectory(data);
        await using var server = BenchServer.Build(data, Key);
        await server.StartAsync(ct);
        await server.Services.GetRequiredService<Projector>().CaughtUp;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 128 }) { BaseAddress = new Uri(AlertLatency.Address(server)) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        var rows = new List<BenchRow>();
        var day = 0;
        Progress.Phase($"HTTP writes: warming the server up with {WarmupWrites:N0} writes from {WriterCounts[^1]} writers (not counted)");
        await WriteAsync(http, WriterCounts[^1], WarmupWrites, () => Interlocked.Increment(ref day), ct);
        foreach (var writers in WriterCounts)
        {
            Progress.Phase($"HTTP writes: {writers} writer(s), {RunInWrites:N0} POST /api/developments to run in, then {WritesPerLevel:N0} timed");
            await WriteAsync(http, writers, RunInWrites, () => Interlocked.Increment(ref day), ct);
            var (rate, all) = await WriteAsync(http, writers, WritesPerLevel, () => Interlocked.Increment(ref day), ct);
            var most = writers == WriterCounts[^1];
            rows.Add(most ? BenchRow.AtLeast($"HTTP writes, {writers} writers", rate, rawSingles, 5_000, "≥ 5,000 /s")
                : BenchRow.Info($"HTTP writes, {writers} writer{(writers == 1 ? "" : "s")}", rate, rawSingles));
            var p99 = Figure.Millis(all.Percentile(99));
            var rawTime = new Figure(1000 / rawSingles.Value, "ms", false);
            rows.Add(most ? BenchRow.AtMost($"HTTP write p99, {writers} writers", p99, rawTime, 25, "≤ 25 ms")
                : BenchRow.Info($"HTTP write p99, {writers} writer{(writers == 1 ? "" : "s")}", p99, rawTime));
        }
        rows.AddRange(await UnderReadLoadAsync(http, WriterCounts[^1], () => Interlocked.Increment(ref day), ct));
        await server.StopAsync(ct);
        return rows;
    }

    /// <summary>
    /// The busiest level again, <see cref="Rounds"/> times without readers and as often while <see cref="Readers"/>
    /// clients read the list's first page without pause, the two in turn: reads must not hold writes up. The unloaded
    /// rounds, taken between the loaded ones, are the baseline: one level alone drifted by ±15 % from run to run
    /// (the JIT still tiering up, the store growing), as much as the effect measured. Each figure is the mean of its rounds.
    /// </summary>
    private static async Task<IReadOnlyList<BenchRow>> UnderReadLoadAsync(HttpClient http, int writers, Func<int> nextDay, CancellationToken ct)
    {
        double unloaded = 0, loaded = 0, reads = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            Progress.Phase($"HTTP writes: {writers} writers, {WritesPerLevel:N0} POST, round {round} of {Rounds} without readers");
            unloaded += (await WriteAsync(http, writers, WritesPerLevel, nextDay, ct)).Rate.Value / Rounds;
            Progress.Phase($"HTTP writes: {writers} writers, {WritesPerLevel:N0} POST, round {round} of {Rounds} while {Readers} clients read GET /api/developments?limit=50");
            var (writeRate, readRate) = await WhileReadingAsync(http, writers, nextDay, ct);
            loaded += writeRate / Rounds;
            reads += readRate / Rounds;
        }
        var baseline = new Figure(unloaded, "/s", true);
        var target = 0.8 * unloaded;
        return
        [
            BenchRow.AtLeast($"HTTP writes, {writers} writers, {Readers} list readers", new Figure(loaded, "/s", true), baseline, target,
                string.Create(CultureInfo.InvariantCulture, $"≥ 80 % unloaded ({target:N0} /s)")),
            BenchRow.Info($"list reads beside them, {Readers} readers", new Figure(reads, "/s", true), baseline),
        ];
    }

    /// <summary>
    /// One loaded round. The readers are connected and have each been answered once before the writes are timed, so
    /// the round measures reading, not opening fifty connections.
    /// </summary>
    private static async Task<(double Writes, double Reads)> WhileReadingAsync(HttpClient http, int writers, Func<int> nextDay, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long reads = 0;
        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await http.GetAsync("/api/developments?limit=50", stop.Token);
                response.EnsureSuccessStatusCode();
                await response.Content.CopyToAsync(Stream.Null, stop.Token);
                Interlocked.Increment(ref reads);
            }
        }, CancellationToken.None)).ToList();
        while (Interlocked.Read(ref reads) < Readers)
        {
            if (readers.Find(r => r.IsFaulted) is { } failed) await failed; // a refused read says why, rather than waiting for ever
            await Task.Delay(10, ct);
        }
        var readsBefore = Interlocked.Read(ref reads);
        var clock = Stopwatch.StartNew();
        var (rate, _) = await WriteAsync(http, writers, WritesPerLevel, nextDay, ct);
        var readRate = (Interlocked.Read(ref reads) - readsBefore) / clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(readers);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        return (rate.Value, readRate);
    }

    /// <summary><paramref name="writes"/> writes shared among <paramref name="writers"/> clients: the rate and every latency.</summary>
    private static async Task<(Figure Rate, Latencies All)> WriteAsync(HttpClient http, int writers, int writes, Func<int> nextDay,
        CancellationToken ct)
    {
        var latencies = new Latencies[writers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            latencies[w] = new Latencies(writes / writers + 1);
            for (var i = w; i < writes; i += writers)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("/api/developments", Body(nextDay()), ct);
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"A bench write was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                latencies[w].Add(Stopwatch.GetElapsedTime(started));
            }
        }));
        var rate = Figure.Rate(writes, clock.Elapsed);
        var all = new Latencies(writes);
        foreach (var sample in latencies.SelectMany(l => l.All)) all.Add(sample);
        return (rate, all);
    }

    /// <summary>
    /// A valid development of its own day on its own channel (from 1 Jan 1900 on), so that no two writes concern each
    /// other: a possible duplicate needs a shared channel.
    /// </summary>
    internal static StringContent Body(int n)
    {
        var date = new DateOnly(1900, 1, 1).AddDays(n / Channels.Length).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var json = $$"""
            {"channels":["{{Channels[n % Channels.Length]}}"],"kind":"{{Kinds[n % Kinds.Length]}}","occurredOn":"{{date}}",
             "summary":"Bench development {{n}}.","actors":["Bench"],
             "sources":[{"title":"Bench report {{n}}","publisher":"Bench Wire","publishedOn":"{{date}}","evidence":"It happened."}]}
            """;
        return new StringContent(json, Encoding.UTF8, "application/json");
    }
}
