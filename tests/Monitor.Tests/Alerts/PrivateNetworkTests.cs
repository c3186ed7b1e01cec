using System.Net;
using Monitor.Tests.Api;

namespace Monitor.Tests.Alerts;

/// <summary>Webhooks reach public addresses only, unless private networks are allowed or the target is on the allow-list.</summary>
public sealed class PrivateNetworkTests : IAsyncLifetime
{
    private readonly List<MonitorHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://localhost:8080/hook")] // a name that resolves to loopback
    public async Task A_webhook_to_a_private_address_is_refused_at_subscribe_naming_the_url(string url)
    {
        var host = await StartAsync(null);

        var response = await host.Analyst.PostAsync("/api/subscriptions", ApiJson.Body(AlertTesting.Webhook(url, "private-secret")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AllowPrivateNetworks", (await response.ReadJson()).GetProperty("errors").GetProperty("webhook.url")[0].GetString());
        Assert.Equal(0, (await host.Analyst.GetJson("/api/subscriptions")).GetArrayLength());
    }

    [Theory]
    [InlineData("127.0.0.0/8")]
    [InlineData("127.0.0.1")]
    public async Task A_receiver_on_the_allow_list_gets_its_alerts(string allowed)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var host = await StartAsync(null, "Monitor:Alerts:Webhooks:AllowedHosts:0=" + allowed);
        await host.Analyst.SubscribeAsync(receiver);

        await host.Analyst.RecordAsync("suspended", "2025-01-10");

        await Eventually.TrueAsync(() => receiver.Accepted.Any(), "the alert on the allow-listed receiver");
        Assert.True(receiver.Accepted.Single().SignatureValid);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_connect_time_and_nothing_reaches_it()
    {
        using var data = new TempFolder();
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var allowing = new MonitorHost(data.Path, AlertTesting.FastSettings);
        await allowing.InitializeAsync();
        await allowing.Analyst.SubscribeAsync(AlertTesting.Webhook(url, receiver.Secret));
        await allowing.DisposeAsync();

        var host = await StartAsync(data.Path);
        await host.Analyst.RecordAsync("suspended", "2025-01-10");

        await Eventually.TrueAsync(async () => (await host.Analyst.GetJson("/api/alerts?outcome=failed")).GetArrayLength() > 0, "the delivery to be given up");
        var delivery = (await host.Analyst.GetJson("/api/alerts?outcome=failed"))[0].Deliveries().Single();
        Assert.Equal(("refused-address", "localhost"), (delivery.GetProperty("error").GetString(), delivery.GetProperty("receiver").GetString()));
        Assert.Empty(receiver.Requests);
    }

    /// <summary>A server with the tests' quick settings but private networks not allowed (the default), plus <paramref name="settings"/>.</summary>
    private async Task<MonitorHost> StartAsync(string? data, params string[] settings)
    {
        var host = new MonitorHost(data, [.. AlertTesting.FastSettings, "Monitor:Alerts:Webhooks:AllowPrivateNetworks=false", .. settings]);
        _hosts.Add(host);
        await host.InitializeAsync();
        return host;
    }
}
