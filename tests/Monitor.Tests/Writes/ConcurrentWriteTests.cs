using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using Monitor.Recording;
using Monitor.Tests.Api;

namespace Monitor.Tests.Writes;

/// <summary>
/// Writes that arrive together are decided and committed together; those whose answers could turn on one another
/// are not, so racing duplicates still have exactly one winner and every answer is the one a lone writer would get.
/// </summary>
public sealed class ConcurrentWriteTests : IAsyncLifetime
{
    private const int Writers = 24;
    private readonly MonitorHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<List<(HttpStatusCode Status, string? Type)>> PostAllAsync(IEnumerable<JsonObject> bodies, string path = "/api/developments")
    {
        var answers = await Task.WhenAll(bodies.Select(async body =>
        {
            var response = await _host.Analyst.PostAsync(path, ApiJson.Body(body));
            var json = await response.ReadJson();
            return (response.StatusCode, json.TryGetProperty("type", out var type) ? type.GetString() : null);
        }));
        return [.. answers];
    }

    [Fact]
    public async Task A_batch_that_cannot_be_decided_is_answered_with_why_and_the_writes_after_it_still_go_through()
    {
        var batcher = _host.Services.GetRequiredService<LedgerBatcher>();
        Decision Broken(IKnownDevelopments known) => throw new InvalidOperationException("The decision broke.");

        var failed = batcher.WriteAsync(null, null, Broken, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("The decision broke.", (await Assert.ThrowsAsync<InvalidOperationException>(() => failed)).Message);

        var next = await _host.Analyst.PostAsync("/api/developments",
            ApiJson.Body(ApiJson.Development("military", "contact-held", "2025-02-03"))).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Fact]
    public async Task Of_the_same_development_sent_at_once_exactly_one_is_recorded()
    {
        var body = ApiJson.Development("defense-minister", "contact-held", "2025-02-03", title: "Ministers meet");
        var answers = await PostAllAsync(Enumerable.Range(0, Writers).Select(_ => body.DeepClone().AsObject()));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal((HttpStatusCode.Conflict, "duplicate"), a));
    }

    [Fact]
    public async Task Of_reports_of_one_event_from_different_wires_sent_at_once_one_is_recorded_and_the_rest_are_told_it_may_be_that()
    {
        var answers = await PostAllAsync(Enumerable.Range(0, Writers).Select(i =>
            ApiJson.Development("defense-minister", "contact-held", "2025-02-03", publisher: $"Wire {i}")));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal((HttpStatusCode.Conflict, "possible-duplicate"), a));
    }

    [Fact]
    public async Task Independent_developments_sent_at_once_are_all_recorded_each_at_its_own_position()
    {
        var kinds = new[] { "contact-held", "declined", "context", "contact-requested" };
        var channels = new[] { "military", "theater-commander", "defense-minister" };
        var bodies = Enumerable.Range(0, Writers).Select(i =>
            ApiJson.Development(channels[i % 3], kinds[i / 3 % 4], $"2025-{1 + i % 12:D2}-{1 + i:D2}")).ToList();
        var responses = await Task.WhenAll(bodies.Select(body => _host.Analyst.PostAsync("/api/developments", ApiJson.Body(body))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var positions = new List<long>();
        foreach (var response in responses) positions.Add((await response.ReadJson()).GetProperty("position").GetInt64());
        Assert.Equal(Writers, positions.Distinct().Count());
        var listed = await _host.Reader.GetJson("/api/developments?limit=500");
        Assert.Equal(17 + Writers, listed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_retraction_and_sources_added_to_it_at_once_are_decided_in_turn()
    {
        var created = await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development("military", "declined", "2025-03")));
        var id = (await created.ReadJson()).GetProperty("id").GetString();
        var retraction = Task.Run(() => _host.Analyst.PostAsync($"/api/developments/{id}/retraction", ApiJson.Body("""{"reason": "Never happened."}""")));
        // Fewer than a development may hold (DevelopmentValidation.MaxSources), so every refusal is the retraction's.
        var sources = await PostAllAsync(Enumerable.Range(0, DevelopmentValidation.MaxSources - 1).Select(i => new JsonObject
        {
            ["source"] = new JsonObject { ["title"] = $"Report {i}", ["publisher"] = $"Wire {i}", ["publishedOn"] = "2025-03", ["evidence"] = "It was declined." },
        }), $"/api/developments/{id}/sources");
        Assert.Equal(HttpStatusCode.OK, (await retraction).StatusCode);

        // Each source was added before the retraction (200) or refused after it (409): never both, never lost.
        Assert.All(sources, s => Assert.Contains(s.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var development = await _host.Reader.GetJson($"/api/developments/{id}");
        Assert.Equal("retracted", development.GetProperty("state").GetString());
        Assert.Equal(sources.Count(s => s.Status == HttpStatusCode.OK), development.GetProperty("addedSources").GetArrayLength());
    }
}
