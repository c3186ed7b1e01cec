using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Monitor.Http;
using Monitor.Recording;

namespace Monitor.Tests.Api;

/// <summary>Recording, retracting and correcting through HTTP, and every refusal leaving the log as it was.</summary>
public sealed class RecordingApiTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<int> TotalRecorded() => (await _host.Reader.GetJson("/api/developments?limit=1")).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_body_that_begins_with_a_byte_order_mark_is_read_as_the_json_after_it()
    {
        var json = System.Text.Encoding.UTF8.GetBytes(ApiJson.Development("military", "contact-held", "2025-02-03").ToJsonString());
        using var body = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. json]);
        body.Headers.ContentType = new("application/json");

        var response = await _host.Analyst.PostAsync("/api/developments", body);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Recording_returns_201_with_the_new_id_and_the_development_can_be_read_back()
    {
        var response = await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJson()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/developments/{id}", response.Headers.Location?.OriginalString);
        var stored = await _host.Reader.GetJson($"/api/developments/{id}");
        Assert.Equal("contact-held", stored.GetProperty("kind").GetString());
        Assert.Equal("day", stored.GetProperty("precision").GetString());
        Assert.Equal("Test Wire", stored.GetProperty("sources")[0].GetProperty("publisher").GetString());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"channels": ["military"], "kind": "contact-held" """, "body" },
        { """{"channels": ["navy"], "kind": "contact-held", "occurredOn": "2024-01", "summary": "x", "sources": [{"title": "t", "publisher": "p", "publishedOn": "2024", "evidence": "e"}]}""", "channels[0]" },
        { """{"channels": ["military"], "kind": "resumed", "occurredOn": "2024-01", "summary": "x", "sources": [{"title": "t", "publisher": "p", "publishedOn": "2024", "evidence": "e"}]}""", "kind" },
        { """{"channels": ["military"], "kind": "context", "occurredOn": "2024-02-30", "summary": "x", "sources": [{"title": "t", "publisher": "p", "publishedOn": "2024", "evidence": "e"}]}""", "occurredOn" },
        { """{"channels": ["military"], "kind": "context", "occurredOn": "2999", "summary": "x", "sources": [{"title": "t", "publisher": "p", "publishedOn": "2024", "evidence": "e"}]}""", "occurredOn" },
        { """{"channels": ["military"], "kind": "context", "occurredOn": "2024", "summary": "x", "sources": []}""", "sources" },
        { """{"channels": ["military"], "kind": "context", "occurredOn": "2024", "summary": " ", "sources": [{"title": "t", "publisher": "p", "publishedOn": "2024", "evidence": "e"}]}""", "summary" },
        { """{"channels": "military"}""", "channels" },
        { """{"channels": ["military"], "kindd": "context"}""", "kindd" },
        { "", "body" },
        { "null", "body" },
        { """{"channels": ["military"], "summary": "a", "summary": "b"}""", "summary" },
        { """{"channels": ["military"], "summary": "a", "SUMMARY": "b"}""", "SUMMARY" },
        { """{"channels": ["military"], "sources": [{"title": "a", "Title": "b"}]}""", "sources[0].Title" },
        { """{"channels": ["military"], "kind": "context", "occurredOn": "2024", "summary": "x\u001b[2J", "sources": [{"title": "t", "publisher": "p", "publishedOn": "2024", "evidence": "e"}]}""", "summary" },
        { """{"channels": ["military"], "kind": "context", "occurredOn": "2024", "summary": "x\u0000", "sources": [{"title": "t", "publisher": "p", "publishedOn": "2024", "evidence": "e"}]}""", "summary" },
        { """{"channels": ["military"], "kind": "context", "occurredOn": "2024", "summary": "x", "sources": [{"title": "t\u202E", "publisher": "p", "publishedOn": "2024", "evidence": "e"}]}""", "sources[0].title" },
    };

    [Theory, MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_writes_nothing(string body, string field)
    {
        var before = await TotalRecorded();
        var response = await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJson()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}, got {errors}");
        Assert.Equal(before, await TotalRecorded());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_writes_nothing()
    {
        var before = await TotalRecorded();
        var huge = ApiJson.Development();
        huge["summary"] = new string('x', 100_000);
        var response = await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await TotalRecorded());
    }

    [Fact]
    public async Task Ten_thousand_unknown_channels_get_a_short_answer_naming_the_first_twenty()
    {
        var body = ApiJson.Development();
        body["channels"] = new JsonArray(Enumerable.Range(0, 10_000).Select(_ => (JsonNode)"x").ToArray());
        var response = await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length < 8_000, $"{text.Length} characters");
        var problem = await response.ReadJson();
        Assert.Equal(Problems.MaxErrors, problem.GetProperty("errors").EnumerateObject().Count());
        Assert.Matches(@"The first 20 of 10,00\d errors", problem.GetProperty("detail").GetString()); // and "A channel is named twice"
    }

    [Fact]
    public async Task A_reason_with_a_control_character_is_refused_naming_it()
    {
        var id = (await (await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development()))).ReadJson()).GetProperty("id");
        var response = await _host.Analyst.PostAsync($"/api/developments/{id}/retraction", ApiJson.Body("""{"reason": "Never \u001b[2J"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal("recorded", (await _host.Reader.GetJson($"/api/developments/{id}")).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Writing_without_the_analyst_key_is_401_and_writes_nothing(string? key)
    {
        var before = await TotalRecorded();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/developments") { Content = ApiJson.Body(ApiJson.Development()) };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await _host.Reader.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await TotalRecorded());
    }

    [Fact]
    public async Task The_same_report_twice_is_a_409_naming_the_first()
    {
        var development = ApiJson.Development(title: "Same headline");
        var first = await (await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(development))).ReadJson();
        var before = await TotalRecorded();
        var again = ApiJson.Development(title: "Same headline");
        again["summary"] = "Worded differently.";
        var response = await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(again));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(first.GetProperty("id").GetGuid(), (await response.ReadJson()).GetProperty("existing").GetGuid());
        Assert.Equal(before, await TotalRecorded());
    }

    [Fact]
    public async Task A_retraction_takes_a_development_out_of_the_status_and_is_shown_with_it()
    {
        var held = await (await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development("theater-commander", occurredOn: "2024-09-10")))).ReadJson();
        var id = held.GetProperty("id").GetGuid();
        Assert.Equal("active", ApiJson.StatusOf(await _host.Reader.GetJson("/api/channels"), "theater-commander"));

        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Analyst.PostAsync($"/api/developments/{id}/retraction", ApiJson.Body("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Analyst.PostAsync($"/api/developments/{Guid.NewGuid()}/retraction", ApiJson.Body("""{"reason": "x"}"""))).StatusCode);
        var retracted = await _host.Analyst.PostAsync($"/api/developments/{id}/retraction", ApiJson.Body("""{"reason": "The call never took place."}"""));
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.Analyst.PostAsync($"/api/developments/{id}/retraction", ApiJson.Body("""{"reason": "again"}"""))).StatusCode);

        Assert.Equal("pending", ApiJson.StatusOf(await _host.Reader.GetJson("/api/channels"), "theater-commander"));
        var shown = await _host.Reader.GetJson($"/api/developments/{id}");
        Assert.Equal("retracted", shown.GetProperty("state").GetString());
        Assert.Equal("The call never took place.", shown.GetProperty("retraction").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_correction_moves_a_development_and_keeps_its_original()
    {
        var posted = await (await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development("defense-minister", occurredOn: "2024-09-10")))).ReadJson();
        var id = posted.GetProperty("id").GetGuid();
        var body = new JsonObject { ["reason"] = "It was planned, not held.", ["development"] = ApiJson.Development("defense-minister", "contact-planned", "2024-09-10") };
        var response = await _host.Analyst.PostAsync($"/api/developments/{id}/correction", ApiJson.Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var corrected = await response.ReadJson();
        Assert.Equal("contact-planned", corrected.GetProperty("kind").GetString());
        Assert.Equal("corrected", corrected.GetProperty("state").GetString());
        Assert.Equal("pending", ApiJson.StatusOf(await _host.Reader.GetJson("/api/channels"), "defense-minister"));

        // Asked what it knew before the correction, the monitor cites the development as it then read.
        var before = Uri.EscapeDataString(posted.GetProperty("recordedAt").GetDateTimeOffset().ToString("O"));
        var then = await _host.Reader.GetJson($"/api/channels/defense-minister?asOf=2024-10-01&knownAt={before}");
        Assert.Equal("active", then.GetProperty("status").GetString());
        Assert.Equal("contact-held", then.GetProperty("cause").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_list_filters_and_pages()
    {
        var page = await _host.Reader.GetJson("/api/developments?channel=defense-minister&kind=declined&limit=1");
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("2024-11", item.GetProperty("occurredOn").GetString());
        var second = await _host.Reader.GetJson("/api/developments?channel=defense-minister&kind=declined&limit=1&offset=1");
        Assert.Equal("2023-03/2023-06", second.GetProperty("items")[0].GetProperty("occurredOn").GetString());
    }

    [Fact]
    public async Task A_cursor_walks_the_whole_list_once_though_developments_are_recorded_between_pages()
    {
        var everyId = (await _host.Reader.GetJson($"/api/developments?limit={DevelopmentsApi.MaxPage}")).GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        var walked = new List<Guid>();
        var page = await _host.Reader.GetJson("/api/developments?limit=4");
        while (true)
        {
            walked.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            if (!page.TryGetProperty("next", out var next)) break;
            // Newer than anything listed: it sorts before the cursor, so it must not push a listed one onto the next page.
            var posted = await _host.Analyst.PostAsync("/api/developments",
                ApiJson.Body(ApiJson.Development("military", "context", $"2025-0{walked.Count % 9 + 1}-1{walked.Count % 10}")));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            page = await _host.Reader.GetJson($"/api/developments?limit=4&cursor={next.GetString()}");
            Assert.False(page.TryGetProperty("total", out _)); // counting would cost the whole list
        }
        Assert.Equal(everyId, walked);
    }

    [Theory]
    [InlineData("cursor=nonsense!", "cursor")]
    [InlineData("cursor=MjAyNA", "cursor")] // base64url of "2024": a cursor has a period and a position
    [InlineData("cursor=MjAyNHwx&offset=2", "offset")]
    public async Task A_cursor_the_list_did_not_give_out_is_refused_by_name(string query, string field)
    {
        var response = await _host.Reader.GetAsync("/api/developments?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
