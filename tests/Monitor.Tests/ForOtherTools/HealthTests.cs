using System.Net;
using System.Text.Json;
using Monitor.Tests.Api;

namespace Monitor.Tests.ForOtherTools;

/// <summary>GET /health says ready only when every part is, and says how each stands.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_server_caught_up_is_ready_and_each_check_says_where_it_stands()
    {
        // The scheduler starts once the host has (Quartz waits for it), so /health may answer 503 for a moment first.
        var body = "";
        await Eventually.TrueAsync(async () =>
        {
            using var response = await _host.Reader.GetAsync("/health");
            body = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK;
        }, "GET /health to answer 200");
        var health = JsonDocument.Parse(body).RootElement;
        Assert.Equal("ready", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks");
        var head = (await _host.Reader.GetJson("/api/developments")).GetProperty("total").GetInt32();
        Assert.Equal("healthy", checks.GetProperty("event-store").GetProperty("status").GetString());
        Assert.Matches(@"^The log ends at position \d+\.$", checks.GetProperty("event-store").GetProperty("description").GetString());
        Assert.Equal("healthy", checks.GetProperty("read-models").GetProperty("status").GetString());
        Assert.True(head >= 17, "The seeds are there.");
    }
}
