using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Monitor.Bench;

/// <summary>
/// `monitor bench alerts`: the whole alert path on the embedded defaults, in one process on loopback:
/// POST a status-changing development, and time until the webhook receiver has the alert, beside the
/// time of the append alone (the POST's round trip) measured on the same requests.
/// </summary>
public static class AlertLatency
{
    private const string Key = "bench-alerts-analyst-key";

    /// <param name="settings">More server configuration (Key=Value), to run the path on the server-grade adapters.</param>
    public static async Task<int> RunAsync(int changes, IReadOnlyList<string> settings, CancellationToken ct)
    {
        using var folder = BenchFolder.Create(null);
        var arrivals = new ConcurrentDictionary<string, TaskCompletionSource<long>>();
        await using var receiver = await Receiver(arrivals);
        await using var server = BenchServer.Build(folder.Root, Key,
            ["Monitor:Alerts:Webhooks:AllowPrivateNetworks=true", .. settings]); // the receiver is on loopback
        await server.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(Address(server)) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        (await http.PostAsJsonAsync("/api/subscriptions", new JsonObject
        {
            ["channels"] = new JsonArray("military"),
            ["webhook"] = new JsonObject { ["url"] = Address(receiver) + "/hook", ["secret"] = "bench" },
        }, ct)).EnsureSuccessStatusCode();

        Progress.Phase($"{changes:N0} status changes, each timed until its webhook arrives");
        var progress = new Progress("changes", changes);
        var (append, delivered) = (new Latencies(changes), new Latencies(changes));
        for (var i = 0; i < changes; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await http.PostAsJsonAsync("/api/developments", Development(i), ct);
            var acknowledged = Stopwatch.GetTimestamp();
            response.EnsureSuccessStatusCode();
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
            var arrived = await arrivals.GetOrAdd(id, _ => new()).Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            append.Add(Stopwatch.GetElapsedTime(started, acknowledged));
            delivered.Add(Stopwatch.GetElapsedTime(started, arrived));
            progress.Report(i + 1);
        }
        await server.StopAsync(ct);

        var adapters = settings.Count == 0 ? "embedded defaults" : string.Join(", ", settings.Select(Shown));
        var limit = settings.Count == 0 ? 250 : 300; // the targets: embedded, and across servers (a broker hop, a database's round trips)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"monitor bench alerts: {changes:N0} status changes, webhook on loopback, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {adapters}"));
        Console.WriteLine();
        ResultTable.Write(Console.Out,
        [
            BenchRow.Info("append → webhook, p50", Figure.Millis(delivered.Percentile(50)), Figure.Millis(append.Percentile(50))),
            BenchRow.AtMost("append → webhook, p99", Figure.Millis(delivered.Percentile(99)), Figure.Millis(append.Percentile(99)), limit, $"≤ {limit} ms"),
            BenchRow.Info("append → webhook, max", Figure.Millis(delivered.Percentile(100)), Figure.Millis(append.Percentile(100))),
        ], baseline: "append alone");
        Console.WriteLine();
        Console.WriteLine("Both columns time the same requests from the moment the POST is sent: 'append alone' until it is acknowledged");
        Console.WriteLine("(durable in the log, visible in the read models); 'ours' until the receiver has the signed alert.");
        return 0;
    }

    /// <summary>A setting as printed: connection strings may hold passwords, so only their key is shown.</summary>
    private static string Shown(string setting) =>
        setting.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase) ? setting.Split('=', 2)[0] + "=…" : setting;

    /// <summary>Alternates suspended and contact-held on one channel, a day apart, so every one changes its status.</summary>
    private static JsonObject Development(int i)
    {
        var day = new DateOnly(2000, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["channels"] = new JsonArray("military"),
            ["kind"] = i % 2 == 0 ? "suspended" : "contact-held",
            ["occurredOn"] = day,
            ["summary"] = $"Bench change {i}.",
            ["sources"] = new JsonArray(new JsonObject { ["title"] = $"Bench {i}", ["publisher"] = "Bench", ["publishedOn"] = day, ["evidence"] = "Bench." }),
        };
    }

    private static async Task<WebApplication> Receiver(ConcurrentDictionary<string, TaskCompletionSource<long>> arrivals)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            var at = Stopwatch.GetTimestamp();
            var alert = await request.ReadFromJsonAsync<JsonElement>();
            var development = alert.GetProperty("development").GetProperty("id").GetString()!;
            arrivals.GetOrAdd(development, _ => new()).TrySetResult(at);
            return Results.Ok();
        });
        await receiver.StartAsync();
        return receiver;
    }

    internal static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
