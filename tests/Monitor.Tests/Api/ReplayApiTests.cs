using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Tests.Api;

/// <summary>Certain and possible, as reported by a day, and plans gone overdue, through the HTTP contract.</summary>
public sealed class ReplayApiTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new(settings: ["Monitor:SeedPath="]);

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task Record(JsonObject development)
    {
        var response = await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(development));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> Military(string query) =>
        (await _host.Reader.GetJson("/api/channels?" + query)).EnumerateArray().Single(c => c.GetProperty("id").GetString() == "military");

    [Fact]
    public async Task As_reported_by_a_day_a_late_report_had_not_yet_changed_anything()
    {
        await Record(ApiJson.Development(kind: "suspended", occurredOn: "2022-08", publishedOn: "2022-08-05"));
        await Record(ApiJson.Development(occurredOn: "2023-12-10", publishedOn: "2024-01-10"));

        Assert.Equal("suspended", (await Military("asOf=2024-06-01&reportedBy=2023-12-31")).GetProperty("status").GetString());
        Assert.Equal("active", (await Military("asOf=2024-06-01&reportedBy=2024-01-10")).GetProperty("status").GetString());
        var now = await Military("asOf=2024-06-01");
        Assert.Equal(("active", "2023-12-10"), (now.GetProperty("status").GetString(), now.GetProperty("since").GetString()));
        Assert.Equal(1, now.GetProperty("corroboration").GetInt32());

        var timeline = await _host.Reader.GetJson("/api/channels/military/timeline?reportedBy=2023-12-31");
        Assert.Equal(["suspended"], timeline.GetProperty("intervals").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        Assert.Equal("2023-12-31", timeline.GetProperty("reportedBy").GetString());
    }

    [Fact]
    public async Task Within_a_vague_period_the_status_is_possibly_changed_and_the_interval_says_when_it_certainly_was()
    {
        await Record(ApiJson.Development(kind: "suspended", occurredOn: "2022-08", publishedOn: "2022-08-05"));
        await Record(ApiJson.Development(occurredOn: "2024-04", publishedOn: "2024-05-02"));

        var midApril = await Military("asOf=2024-04-15");
        Assert.Equal("suspended", midApril.GetProperty("status").GetString());
        Assert.Equal("active", midApril.GetProperty("possibly").GetProperty("status").GetString());
        Assert.Equal("April 2024", midApril.GetProperty("possibly").GetProperty("causes")[0].GetProperty("occurredOnText").GetString());
        Assert.False((await Military("asOf=2024-05-01")).TryGetProperty("possibly", out _));

        var active = (await _host.Reader.GetJson("/api/channels/military/timeline")).GetProperty("intervals")[1];
        Assert.Equal(("2024-04", "2024-04-01", "2024-04-30"), (active.GetProperty("from").GetString(),
            active.GetProperty("possiblyFrom").GetString(), active.GetProperty("certainFrom").GetString()));
    }

    [Fact]
    public async Task A_plan_whose_date_passed_with_no_contact_held_shows_as_overdue()
    {
        var plan = ApiJson.Development(kind: "contact-planned", occurredOn: "2024-05-01");
        plan["plannedFor"] = "2024-06";
        await Record(plan);

        bool Overdue(JsonElement timeline) => timeline.GetProperty("developments")[0].GetProperty("overdue").GetBoolean();
        Assert.False(Overdue(await _host.Reader.GetJson("/api/channels/military/timeline?asOf=2024-06-15")));
        Assert.True(Overdue(await _host.Reader.GetJson("/api/channels/military/timeline?asOf=2024-07-15")));

        await Record(ApiJson.Development(occurredOn: "2024-07-02"));
        Assert.False(Overdue(await _host.Reader.GetJson("/api/channels/military/timeline?asOf=2024-07-15")));
    }

    [Fact]
    public async Task A_bad_reportedBy_is_a_problem_naming_it()
    {
        var response = await _host.Reader.GetAsync("/api/channels?reportedBy=2024-13");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty("reportedBy", out _));
    }
}
