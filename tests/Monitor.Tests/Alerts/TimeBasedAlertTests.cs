using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Tests.Api;

namespace Monitor.Tests.Alerts;

/// <summary>
/// Quiet-channel, pending-overdue and digest alerts under a test clock: Quartz runs the time check on its
/// schedule, and each check reads the server's TimeProvider, which the test moves forward by days.
/// </summary>
public sealed class TimeBasedAlertTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
    private SmtpSink _sink = null!;
    private MonitorHost _host = null!;

    public async Task InitializeAsync()
    {
        _sink = await SmtpSink.StartAsync();
        _host = new MonitorHost(settings:
        [
            .. AlertTesting.FastSettings, "Monitor:SeedPath=", "Monitor:Smtp:Host=127.0.0.1", $"Monitor:Smtp:Port={_sink.Port}",
            "Monitor:Alerts:QuietAfterDays=30", "Monitor:Alerts:PendingOverdueAfterDays=20", "Monitor:Alerts:DigestHourUtc=7",
        ], overrides: services => services.AddSingleton<TimeProvider>(_clock));
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _sink.Dispose();
    }

    [Fact]
    public async Task Quiet_channel_pending_overdue_and_digest_fire_once_each_when_their_time_comes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await _host.Analyst.SubscribeAsync(receiver, "military", "quiet-channel", "pending-overdue");
        await _host.Analyst.SubscribeAsync(new JsonObject
        {
            ["channels"] = new JsonArray("military", "defense-minister"),
            ["kinds"] = new JsonArray("digest"),
            ["email"] = "digest@example.org",
        });
        var agreement = await _host.Analyst.RecordAsync("restoration-agreed", "2026-02-25"); // unknown → pending

        await Task.Delay(500); // several time checks at 06:00 on 1 March: nothing is due yet
        Assert.Empty(receiver.Requests);
        Assert.Empty(_sink.Messages());

        _clock.Advance(TimeSpan.FromHours(1)); // 07:00: the digest hour
        await Eventually.TrueAsync(() => _sink.Messages().Count == 1, "the first digest");
        var digest = _sink.Messages()[0];
        Assert.Equal("[Monitor] Daily digest for 2026-03-01", digest.Subject);
        Assert.Contains("Military-to-military: pending since 25 Feb 2026", digest.TextBody);
        Assert.Contains("Defense ministers: unknown", digest.TextBody);
        Assert.DoesNotContain("Theater commanders", digest.TextBody);

        _clock.Advance(TimeSpan.FromDays(20)); // 21 March: pending for 24 days
        await Eventually.TrueAsync(() => receiver.Requests.Count == 1, "the pending-overdue alert");
        var overdue = receiver.Requests.Single();
        Assert.Equal(("pending-overdue", "military", "2026-02-25"), (overdue.Text("kind"), overdue.Text("channel"), overdue.Text("since")));
        Assert.Equal(24, overdue.Body.GetProperty("days").GetInt32());
        Assert.Equal(agreement, overdue.Body.GetProperty("development").GetProperty("id").GetString());

        _clock.Advance(TimeSpan.FromDays(10)); // 31 March: 34 days without a development
        await Eventually.TrueAsync(() => receiver.Requests.Count == 2, "the quiet-channel alert");
        var quiet = receiver.Requests.Last();
        Assert.Equal(("quiet-channel", "military", "pending"), (quiet.Text("kind"), quiet.Text("channel"), quiet.Text("to")));
        Assert.Equal(34, quiet.Body.GetProperty("days").GetInt32());

        await Task.Delay(500); // more checks on the same day raise nothing again
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(3, _sink.Messages().Count); // one digest for each day the clock stopped at: 1, 21 and 31 March
        Assert.Equal(3, _sink.Messages().Select(m => m.Subject).Distinct().Count());
    }
}
