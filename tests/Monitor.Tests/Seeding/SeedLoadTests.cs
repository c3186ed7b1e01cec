using Monitor.Tests.Alerts;
using Monitor.Tests.Api;

namespace Monitor.Tests.Seeding;

/// <summary>The curated history loads as old news: it sets every status without raising a change alert.</summary>
public sealed class SeedLoadTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new(settings: AlertTesting.FastSettings);

    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_first_load_raises_no_alert_for_the_old_changes_but_a_new_one_does()
    {
        Assert.Equal("active", ApiJson.StatusOf(await _host.Reader.GetJson("/api/channels"), "military"));
        var suspension = await _host.Analyst.RecordAsync("suspended", DateTime.UtcNow.ToString("yyyy-MM-dd"));

        // Detection follows the log in order: once the new change is raised, the seeded ones had their turn.
        await Eventually.TrueAsync(async () => (await _host.Reader.GetJson("/api/alerts?kind=status-changed")).EnumerateArray()
            .Any(a => a.GetProperty("development").GetProperty("id").GetString() == suspension), "the new change raised");
        var changes = (await _host.Reader.GetJson("/api/alerts?kind=status-changed")).EnumerateArray().ToList();
        Assert.Equal(suspension, Assert.Single(changes).GetProperty("development").GetProperty("id").GetString());
        Assert.Empty((await _host.Reader.GetJson("/api/alerts?kind=history-revised")).EnumerateArray());
    }
}
