using System.Text.Json.Nodes;
using Monitor.Tests.Api;

namespace Monitor.Tests.Alerts;

/// <summary>E-mail alerts through MailKit to a real SMTP server (aiosmtpd) on loopback.</summary>
public sealed class EmailAlertTests : IAsyncLifetime
{
    private SmtpSink _sink = null!;
    private MonitorHost _host = null!;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSink.StartAsync();
        _host = new MonitorHost(settings: [.. AlertTesting.FastSettings, "Monitor:Smtp:Host=127.0.0.1", $"Monitor:Smtp:Port={_sink.Port}",
            "Monitor:Smtp:From=Monitor <alerts@monitor.example.org>"]);
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _sink.Dispose();
    }

    [Fact]
    public async Task A_status_change_arrives_as_one_plain_text_and_html_email()
    {
        await _host.Analyst.SubscribeAsync(new JsonObject { ["channels"] = new JsonArray("military"), ["email"] = "watch@example.org" });

        var suspension = await _host.Analyst.RecordAsync("suspended", "2025-01-10");

        await Eventually.TrueAsync(() => _sink.Messages().Count >= 1, "the e-mail");
        await Task.Delay(300);
        var message = Assert.Single(_sink.Messages());
        Assert.Equal("[Monitor] Military-to-military: active → suspended", message.Subject);
        Assert.Equal("watch@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("alerts@monitor.example.org", message.From.Mailboxes.Single().Address);
        Assert.Contains("now suspended; it was active", message.TextBody);
        Assert.Contains("Test development.", message.TextBody);
        Assert.Contains("<p>The Military-to-military channel is now suspended; it was active.</p>", message.HtmlBody);
        var alert = (await _host.Reader.GetJson("/api/alerts?channel=military&kind=status-changed&limit=1"))[0];
        Assert.Equal(suspension, alert.GetProperty("development").GetProperty("id").GetString());
        Assert.Equal(alert.GetProperty("id").GetString(), message.Headers["X-Monitor-Alert-Id"]);
        await Eventually.TrueAsync(async () => (await _host.Reader.GetJson("/api/alerts?channel=military&kind=status-changed&limit=1"))[0].Deliveries().Single()
            .GetProperty("outcome").GetString() == "delivered", "the delivery to be recorded");
    }
}
