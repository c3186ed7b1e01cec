using System.Net;
using System.Text.Json;

namespace Monitor.Tests.Api;

/// <summary>The seeded history, read back through the HTTP contract, and how a late report changes it.</summary>
public sealed class StatusApiTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Theory]
    // All three channels are suspended from August 2022 (the brief's background fact, on quotes that imply it); the
    // San Francisco agreement reaches military and theater-commander talks, and no article ties it to the ministers.
    [InlineData("2022-07-01", "unknown", "unknown", "unknown")]
    [InlineData("2022-09-01", "suspended", "suspended", "suspended")]
    [InlineData("2023-07-15", "suspended", "suspended", "suspended")]
    [InlineData("2023-11-20", "pending", "pending", "suspended")]
    [InlineData("2024-01-15", "active", "pending", "suspended")]
    [InlineData("2024-12-31", "active", "pending", "suspended")]
    public async Task The_seeded_history_gives_each_channel_its_status_on_a_date(string asOf, string military, string theater, string minister)
    {
        var channels = await _host.Reader.GetJson($"/api/channels?asOf={asOf}");
        Assert.Equal((military, theater, minister),
            (ApiJson.StatusOf(channels, "military"), ApiJson.StatusOf(channels, "theater-commander"), ApiJson.StatusOf(channels, "defense-minister")));
    }

    [Fact]
    public async Task A_channel_says_since_when_and_why_and_what_came_last()
    {
        var channels = await _host.Reader.GetJson("/api/channels?asOf=2023-07-15");
        var military = channels.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "military");
        Assert.Equal("2022-08", military.GetProperty("since").GetString());
        Assert.Equal("suspended", military.GetProperty("cause").GetProperty("kind").GetString());
        Assert.Equal("2023-06", military.GetProperty("latest").GetProperty("occurredOn").GetString());
    }

    [Fact]
    public async Task A_late_backdated_development_changes_asOf_answers_but_not_what_was_known_before()
    {
        var before = DateTimeOffset.UtcNow.ToString("O");
        await Task.Delay(20);
        var posted = await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development(occurredOn: "2023-07-01")));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        Assert.Equal("active", ApiJson.StatusOf(await _host.Reader.GetJson("/api/channels?asOf=2023-07-15"), "military"));
        Assert.Equal("suspended", ApiJson.StatusOf(await _host.Reader.GetJson($"/api/channels?asOf=2023-07-15&knownAt={Uri.EscapeDataString(before)}"), "military"));
    }

    [Fact]
    public async Task The_timeline_lists_intervals_with_their_causes()
    {
        var timeline = await _host.Reader.GetJson("/api/channels/military/timeline");
        var intervals = timeline.GetProperty("intervals").EnumerateArray()
            .Select(i => (i.GetProperty("status").GetString(), i.GetProperty("from").GetString())).ToList();
        Assert.Equal([("suspended", "2022-08"), ("pending", "2023-11-15"), ("active", "2023-12")], intervals);
        Assert.All(timeline.GetProperty("intervals").EnumerateArray(), i => Assert.NotEqual(default, i.GetProperty("cause").GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("/api/channels?asOf=2023-13-01", "asOf")]
    [InlineData("/api/channels?knownAt=yesterday", "knownAt")]
    [InlineData("/api/developments?kind=resumed", "kind")]
    [InlineData("/api/developments?channel=navy", "channel")]
    [InlineData("/api/developments?limit=0", "limit")]
    [InlineData("/api/developments?limit=abc", "limit")]
    [InlineData("/api/developments?limit=1&limit=2", "limit")]
    [InlineData("/api/developments?offset=-1", "offset")]
    [InlineData("/api/developments?offset=99999999999", "offset")]
    [InlineData("/api/developments?includeRetracted=maybe", "includeRetracted")]
    [InlineData("/api/alerts?limit=abc", "limit")]
    [InlineData("/api/alerts?outcome=lost", "outcome")]
    [InlineData("/api/alerts/stream?channel=navy", "channel")]
    [InlineData("/api/channels?knownAt=01/02/2024", "knownAt")]
    [InlineData("/api/channels?knownAt=2024-03-01", "knownAt")]
    [InlineData("/api/channels?knownAt=2024-03-01T12:00:00", "knownAt")]
    [InlineData("/api/channels?asOf=01/02/2024", "asOf")]
    [InlineData("/api/channels/military?reportedBy=2024-3-1", "reportedBy")]
    public async Task A_bad_query_is_a_problem_naming_the_parameter(string path, string field)
    {
        var response = await _host.Reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("2024-03-01T12:00:00Z", "unknown")] // before the seeds were recorded
    [InlineData("2024-03-01T07:00:00.1234567-05:00", "unknown")]
    [InlineData("2999-03-01T12:00:00+08:00", "suspended")]
    public async Task Known_at_is_an_iso_8601_instant_with_its_offset(string instant, string status) =>
        Assert.Equal(status, ApiJson.StatusOf(
            await _host.Reader.GetJson($"/api/channels?asOf=2023-07-15&knownAt={Uri.EscapeDataString(instant)}"), "military"));

    [Fact]
    public async Task An_unknown_channel_is_not_found() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Reader.GetAsync("/api/channels/navy/timeline")).StatusCode);

    [Theory]
    [InlineData("2024-12-31")]
    [InlineData("2023-11-30")] // mid-history: a development possible by then and not yet certain
    public async Task A_timeline_pages_its_developments_by_cursor_each_page_with_the_intervals_they_began(string asOf)
    {
        var path = "/api/channels/military/timeline?asOf=" + asOf;
        var whole = await _host.Reader.GetJson(path);
        var all = whole.GetProperty("developments").EnumerateArray().Select(Id).ToList();
        Assert.True(all.Count > 3);
        Assert.False(whole.TryGetProperty("next", out _));
        var (paged, intervals, pages) = (new List<Guid>(), new List<string>(), new List<int>());
        var page = await _host.Reader.GetJson(path + "&limit=3");
        while (true)
        {
            var steps = page.GetProperty("developments").EnumerateArray().Select(Id).ToList();
            Assert.InRange(steps.Count, 1, 3);
            paged.AddRange(steps);
            var begun = page.GetProperty("intervals").EnumerateArray().Select(i => i.GetRawText()).ToList();
            intervals.AddRange(begun);
            pages.Add(begun.Count);
            // An interval is listed with the development that began it.
            Assert.All(page.GetProperty("intervals").EnumerateArray(), i => Assert.Contains(Id(i.GetProperty("cause")), steps));
            if (!page.TryGetProperty("next", out var next)) break;
            page = await _host.Reader.GetJson(path + "&limit=3&cursor=" + next.GetString());
        }
        Assert.Equal(all, paged);
        Assert.Equal(whole.GetProperty("intervals").EnumerateArray().Select(i => i.GetRawText()), intervals);
        Assert.True(pages.Count(n => n > 0) > 1, "the intervals are spread over the pages");

        static Guid Id(JsonElement e) => (e.TryGetProperty("development", out var d) ? d : e).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("/api/channels/military/timeline?limit=0", "limit")]
    [InlineData("/api/channels/military/timeline?cursor=bm9wZQ", "cursor")] // base64url of "nope"
    public async Task A_bad_timeline_page_is_a_problem_naming_the_parameter(string path, string field)
    {
        var response = await _host.Reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
