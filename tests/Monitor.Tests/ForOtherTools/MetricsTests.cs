using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Tests.Api;

namespace Monitor.Tests.ForOtherTools;

/// <summary>GET /metrics read as Prometheus reads it, and the Grafana dashboard in deploy/ checked against it.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<List<PrometheusText.Sample>> ScrapeAsync()
    {
        var response = await _host.Reader.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_channel_has_exactly_the_status_the_API_gives_set_to_1_and_its_others_0()
    {
        var before = await AssertStatusesMatchTheApiAsync();
        var body = ApiJson.Development("defense-minister", "contact-held", "2024-12-03");
        (await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(body))).EnsureSuccessStatusCode();
        var samples = await AssertStatusesMatchTheApiAsync();
        Assert.Equal(1, samples.Single(s => s.Name == "monitor_channel_status" && s.Labels["channel"] == "defense-minister"
            && s.Labels["status"] == "active").Value);
        Assert.Equal(1, LedgerAppends(samples) - LedgerAppends(before));
        // The write's status change raises an alert, appended after the write was answered: the read models may
        // trail the log by that event for a moment, and the gauge says so. They must catch up.
        await Eventually.TrueAsync(async () =>
        {
            samples = await ScrapeAsync();
            return samples.Single(s => s.Name == "monitor_projection_lag_events").Value == 0;
        }, "the read models to catch up with the log (monitor_projection_lag_events 0)");
        var head = samples.Single(s => s.Name == "monitor_log_head_position").Value;
        Assert.Equal(head, samples.Single(s => s.Name == "monitor_read_model_position").Value);
        Assert.True(head >= 18, $"The log holds the 17 seeded developments and one more, but its head is {head}.");
    }

    private static double LedgerAppends(List<PrometheusText.Sample> samples) =>
        samples.Single(s => s.Name == "monitor_appends_total" && s.Labels["stream"] == "ledger").Value;

    private async Task<List<PrometheusText.Sample>> AssertStatusesMatchTheApiAsync()
    {
        var samples = await ScrapeAsync();
        var channels = await _host.Reader.GetJson("/api/channels");
        foreach (var channel in channels.EnumerateArray())
        {
            var id = channel.GetProperty("id").GetString()!;
            var states = samples.Where(s => s.Name == "monitor_channel_status" && s.Labels["channel"] == id).ToList();
            Assert.Equal(["active", "pending", "strained", "suspended", "unknown"], states.Select(s => s.Labels["status"]).Order());
            Assert.Equal(channel.GetProperty("status").GetString(), states.Single(s => s.Value == 1).Labels["status"]);
            Assert.Equal(4, states.Count(s => s.Value == 0));
        }
        return samples;
    }

    [Fact]
    public async Task The_Grafana_dashboard_queries_only_metrics_the_server_exports()
    {
        var dashboard = Path.Combine(Repository.Root, "deploy", "grafana", "monitor-dashboard.json");
        var samples = await ScrapeAsync();
        var exported = samples.Select(s => s.Name).Concat(samples.Select(s => PrometheusText.Family(s.Name))).ToHashSet();
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(dashboard));
        var expressions = json.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray()).Select(target => target.GetProperty("expr").GetString()!).ToList();
        Assert.NotEmpty(expressions);
        foreach (var expression in expressions)
        {
            var used = Regex.Matches(expression, @"\bmonitor_[a-z_]+\b").Select(m => m.Value).ToList();
            Assert.True(used.Count > 0, $"'{expression}' reads no monitor metric.");
            Assert.All(used, name => Assert.True(exported.Contains(name), $"The dashboard queries {name}, which /metrics does not export."));
        }
    }
}
