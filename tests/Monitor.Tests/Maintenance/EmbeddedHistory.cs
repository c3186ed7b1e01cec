using System.Net;
using System.Text.Json.Nodes;
using Monitor.Tests.Api;
using Monitor.Tests.Process;

namespace Monitor.Tests.Maintenance;

/// <summary>
/// A data folder whose embedded store holds the seeds, then developments recorded, corrected and retracted, and a
/// subscription, all written by `monitor serve` itself; with what that server answered to the reads that replay it.
/// </summary>
public sealed class EmbeddedHistory : IAsyncLifetime
{
    public const string Key = "migration-test-analyst-key";
    private readonly TempFolder _data = new();

    public string DataDirectory => _data.Path;

    /// <summary>Path and query → the JSON the embedded server answered.</summary>
    public Dictionary<string, string> Answers { get; } = [];

    public async Task InitializeAsync()
    {
        using var server = await ServerProcess.StartAsync(_data.Path, Key);
        using var http = server.Client(Key);
        var held = await PostAsync(http, "/api/developments", ApiJson.Development("theater-commander", "contact-held", "2024-09-10"));
        var knownAt = Uri.EscapeDataString(held.GetProperty("recordedAt").GetDateTimeOffset().ToString("O"));
        var planned = await PostAsync(http, "/api/developments", ApiJson.Development("defense-minister", "contact-held", "2024-10-02"));
        var planId = planned.GetProperty("id").GetString();
        await PostAsync(http, $"/api/developments/{planId}/correction", new JsonObject
        {
            ["reason"] = "It was planned, not held.",
            ["development"] = ApiJson.Development("defense-minister", "contact-planned", "2024-10-02"),
        });
        var declined = await PostAsync(http, "/api/developments", ApiJson.Development("military", "declined", "2024-11-05"));
        await PostAsync(http, $"/api/developments/{declined.GetProperty("id").GetString()}/retraction",
            new JsonObject { ["reason"] = "The report was withdrawn." });
        await PostAsync(http, "/api/subscriptions", new JsonObject { ["channels"] = new JsonArray("military"), ["email"] = "watch@example.org" });

        string[] reads =
        [
            "/api/channels", "/api/channels?asOf=2023-07-15", $"/api/channels?knownAt={knownAt}",
            $"/api/channels?asOf=2024-10-01&knownAt={knownAt}", "/api/channels?reportedBy=2024-09-30",
            "/api/developments?includeRetracted=true&limit=100", $"/api/developments/{planId}",
            "/api/channels/military/timeline", $"/api/channels/defense-minister/timeline?knownAt={knownAt}", "/api/subscriptions",
        ];
        foreach (var read in reads) Answers[read] = await ReadAsync(http, read);
    }

    public static async Task<string> ReadAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    public Task DisposeAsync()
    {
        _data.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<System.Text.Json.JsonElement> PostAsync(HttpClient http, string path, JsonObject body)
    {
        var response = await http.PostAsync(path, ApiJson.Body(body));
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJson();
    }
}
