using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Tests.Alerts;
using Monitor.Tests.Api;

namespace Monitor.Tests.Process;

/// <summary>Every place that takes a channel id answers a misspelt one with the likely one and every known one.</summary>
public sealed class UnknownChannelTests
{
    private const string Key = "unknown-channel-analyst-key";
    private const string Misspelt = "theatre-commander";
    private const string Answer = "Unknown channel 'theatre-commander'. Did you mean 'theater-commander'? "
        + "Known channels: military, theater-commander, defense-minister.";

    [Fact]
    public async Task Paths_queries_and_bodies_all_name_the_likely_channel_and_every_known_one()
    {
        using var data = new TempFolder();
        using var server = await ServerProcess.StartAsync(data.Path, Key);
        using var http = server.Client(Key);
        var seeded = (await http.GetJson("/api/developments?limit=1")).GetProperty("items")[0].GetProperty("id").GetString();
        var correction = new JsonObject { ["reason"] = "Wrong channel.", ["development"] = ApiJson.Development(Misspelt) };

        var answers = new (string Request, Task<HttpResponseMessage> Response, HttpStatusCode Status)[]
        {
            ("channel", http.GetAsync($"/api/channels/{Misspelt}"), HttpStatusCode.NotFound),
            ("timeline", http.GetAsync($"/api/channels/{Misspelt}/timeline"), HttpStatusCode.NotFound),
            ("feed", http.GetAsync($"/feeds/channels/{Misspelt}.atom"), HttpStatusCode.NotFound),
            ("developments", http.GetAsync($"/api/developments?channel={Misspelt}"), HttpStatusCode.BadRequest),
            ("export", http.GetAsync($"/api/developments/export?channel={Misspelt}"), HttpStatusCode.BadRequest),
            ("alerts", http.GetAsync($"/api/alerts?channel={Misspelt}"), HttpStatusCode.BadRequest),
            ("alert stream", http.GetAsync($"/api/alerts/stream?channel={Misspelt}"), HttpStatusCode.BadRequest),
            ("record", http.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development(Misspelt))), HttpStatusCode.BadRequest),
            ("correct", http.PostAsync($"/api/developments/{seeded}/correction", ApiJson.Body(correction)), HttpStatusCode.BadRequest),
            ("subscribe", http.PostAsync("/api/subscriptions", ApiJson.Body(AlertTesting.Webhook("https://hooks.example.org/m", "secret", Misspelt))),
                HttpStatusCode.BadRequest),
        };

        foreach (var (request, response, status) in answers)
        {
            var answer = await response;
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == status, $"{request}: {(int)answer.StatusCode} {body}");
            Assert.True(Messages(JsonDocument.Parse(body).RootElement).Contains(Answer), $"{request}: {body}");
        }
    }

    /// <summary>A problem's detail and every field error.</summary>
    private static List<string> Messages(JsonElement problem) =>
    [
        .. problem.TryGetProperty("detail", out var detail) ? [detail.GetString()!] : Array.Empty<string>(),
        .. problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(m => m.GetString()!)) : [],
    ];
}
