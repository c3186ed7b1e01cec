using System.Net;
using System.Text.Json.Nodes;

namespace Monitor.Tests.Api;

/// <summary>One event, many reports: adding a source, the possible-duplicate refusal and its override, corroboration.</summary>
public sealed class ReportsApiTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new(settings: ["Monitor:SeedPath="]);

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<Guid> Record(JsonObject development)
    {
        var response = await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(development));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJson()).GetProperty("id").GetGuid();
    }

    private static JsonObject Source(string publisher, string publishedOn, string? url = null, string? syndicatedFrom = null) => new()
    {
        ["source"] = new JsonObject
        {
            ["title"] = "Commanders talk",
            ["publisher"] = publisher,
            ["url"] = url,
            ["publishedOn"] = publishedOn,
            ["evidence"] = "The commanders held a video call.",
            ["syndicatedFrom"] = syndicatedFrom,
        },
    };

    [Fact]
    public async Task A_second_report_is_added_as_a_source_and_counts_as_corroboration()
    {
        var id = await Record(ApiJson.Development(occurredOn: "2024-04", publishedOn: "2024-04-29"));
        var added = await _host.Analyst.PostAsync($"/api/developments/{id}/sources",
            ApiJson.Body(Source("Other Wire", "2024-04-20", url: "https://other.example/call")));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var development = await _host.Reader.GetJson($"/api/developments/{id}");
        Assert.Equal(2, development.GetProperty("sources").GetArrayLength());
        Assert.Equal(2, development.GetProperty("corroboration").GetInt32());
        Assert.Equal("2024-04-20", development.GetProperty("certainBy").GetString()); // the earlier report makes it certain sooner
        Assert.Equal(1, (await _host.Reader.GetJson("/api/developments")).GetProperty("total").GetInt32());

        var copy = await _host.Analyst.PostAsync($"/api/developments/{id}/sources",
            ApiJson.Body(Source("Mirror Site", "2024-04-21", syndicatedFrom: "https://other.example/call")));
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal(2, (await _host.Reader.GetJson($"/api/developments/{id}")).GetProperty("corroboration").GetInt32());
    }

    [Fact]
    public async Task The_same_source_twice_is_a_conflict_and_writes_nothing()
    {
        var id = await Record(ApiJson.Development(occurredOn: "2024-04", publishedOn: "2024-04-29"));
        var body = Source("Other Wire", "2024-04-20", url: "https://other.example/call");
        Assert.Equal(HttpStatusCode.OK, (await _host.Analyst.PostAsync($"/api/developments/{id}/sources", ApiJson.Body(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _host.Analyst.PostAsync($"/api/developments/{id}/sources", ApiJson.Body(body))).StatusCode);
        Assert.Equal(2, (await _host.Reader.GetJson($"/api/developments/{id}")).GetProperty("sources").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"source": {"title": "t", "publisher": "p", "publishedOn": "2024-03-31", "evidence": "e"}}""", "source.publishedOn")]
    [InlineData("""{"source": {"title": "", "publisher": "p", "publishedOn": "2024-04-30", "evidence": "e"}}""", "source.title")]
    [InlineData("""{"source": null}""", "source")]
    public async Task A_bad_source_is_a_400_naming_the_field(string body, string field)
    {
        var id = await Record(ApiJson.Development(occurredOn: "2024-04", publishedOn: "2024-04-29"));
        var response = await _host.Analyst.PostAsync($"/api/developments/{id}/sources", ApiJson.Body(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_source_for_no_development_is_not_found() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Analyst.PostAsync($"/api/developments/{Guid.NewGuid()}/sources",
            ApiJson.Body(Source("Other Wire", "2024-04-20")))).StatusCode);

    [Fact]
    public async Task An_overlapping_report_of_the_same_kind_is_a_possible_duplicate_until_the_analyst_says_otherwise()
    {
        var first = await Record(ApiJson.Development(occurredOn: "2024-04", publishedOn: "2024-04-29"));
        var second = ApiJson.Development(occurredOn: "2024-04-18", publisher: "Another Wire");

        var refused = await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(second));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJson();
        Assert.Equal("possible-duplicate", problem.GetProperty("type").GetString());
        Assert.Equal(first, Assert.Single(problem.GetProperty("candidates").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(1, (await _host.Reader.GetJson("/api/developments")).GetProperty("total").GetInt32());

        second["distinctFrom"] = new JsonArray(first.ToString());
        Assert.Equal(HttpStatusCode.Created, (await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(second))).StatusCode);
    }

    [Fact]
    public async Task Another_kind_a_later_period_or_background_is_no_possible_duplicate()
    {
        await Record(ApiJson.Development(occurredOn: "2024-04", publishedOn: "2024-04-29"));
        await Record(ApiJson.Development(kind: "declined", occurredOn: "2024-04-18"));
        await Record(ApiJson.Development(occurredOn: "2024-05-02"));
        await Record(ApiJson.Development(kind: "context", occurredOn: "2024-04"));
        await Record(ApiJson.Development(kind: "context", occurredOn: "2024-04-10"));
    }
}
