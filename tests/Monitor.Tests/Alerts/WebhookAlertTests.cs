using System.Text.Json;
using Monitor.Tests.Api;

namespace Monitor.Tests.Alerts;

/// <summary>Webhook alerts end to end: the real server, a real receiver on loopback, real retries.</summary>
public sealed class WebhookAlertTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new(settings: AlertTesting.FastSettings);

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Each_status_change_sends_one_signed_alert_with_from_and_to()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await _host.Analyst.SubscribeAsync(receiver);

        var suspension = await _host.Analyst.RecordAsync("suspended", "2025-01-10");
        await _host.Analyst.RecordAsync("context", "2025-01-12");                                   // no status change
        await _host.Analyst.RecordAsync("contact-held", "2025-01-20", channel: "theater-commander"); // a channel not subscribed to
        var resumption = await _host.Analyst.RecordAsync("contact-held", "2025-02-01");

        await Eventually.TrueAsync(() => receiver.Requests.Count >= 2, "two alerts");
        await Task.Delay(300); // room for a wrong third one to arrive
        var alerts = receiver.Requests.OrderBy(r => r.Body.GetProperty("raisedAt").GetDateTimeOffset()).ToList(); // as raised
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.True(a.SignatureValid, "X-Monitor-Signature must be the HMAC-SHA256 of the body"));
        Assert.All(alerts, a => Assert.Equal(a.Id, a.AlertIdHeader));
        Assert.All(alerts, a => Assert.Equal("military", a.Text("channel")));
        Assert.Equal(("active", "suspended", suspension), (alerts[0].Text("from"), alerts[0].Text("to"), alerts[0].Body.GetProperty("development").GetProperty("id").GetString()));
        Assert.Equal(("suspended", "active", resumption), (alerts[1].Text("from"), alerts[1].Text("to"), alerts[1].Body.GetProperty("development").GetProperty("id").GetString()));
        Assert.All(alerts, a => Assert.False(a.Body.GetProperty("retroactive").GetBoolean()));

        await Eventually.TrueAsync(async () => (await _host.Reader.AlertAsync(alerts[1].Id))?.Deliveries().Single().GetProperty("outcome").GetString() == "delivered",
            "the delivery to show as delivered");
        // Detection let the changes it handled go: the feed holds a burst, not the history.
        var model = (Monitor.Projections.ReadModel)_host.Services.GetService(typeof(Monitor.Projections.ReadModel))!;
        await Eventually.TrueAsync(() => model.Changes.Count == 0, "detection to let the handled changes go");
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_same_alert_id_until_it_accepts_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n <= 2 ? 503 : 200;
        await _host.Analyst.SubscribeAsync(receiver);

        await _host.Analyst.RecordAsync("suspended", "2025-01-10");

        await Eventually.TrueAsync(() => receiver.Accepted.Any(), "the third attempt to be accepted");
        await Task.Delay(300);
        var tries = receiver.Requests.ToList();
        Assert.Equal([503, 503, 200], tries.Select(t => t.Status));
        Assert.Single(tries.Select(t => t.Id).Distinct());
        Assert.All(tries, t => Assert.True(t.SignatureValid));
        await Eventually.TrueAsync(async () => (await _host.Reader.AlertAsync(tries[0].Id))?.Deliveries().Single() is { } d
            && d.GetProperty("outcome").GetString() == "delivered" && d.GetProperty("attempts").GetInt32() == 3, "delivered on attempt 3");
    }

    [Theory]
    [InlineData(WebhookReceiver.Hang, "timeout")]
    [InlineData(WebhookReceiver.StallBody, "http-500")] // the body it never finishes is never read
    public async Task A_hanging_receiver_is_given_up_on_and_shown_as_failed_without_holding_up_others(int answer, string error)
    {
        await using var hanging = await WebhookReceiver.StartAsync();
        hanging.Answer = _ => answer;
        await using var healthy = await WebhookReceiver.StartAsync();
        var hangingSubscription = await _host.Analyst.SubscribeAsync(hanging);
        await _host.Analyst.SubscribeAsync(healthy);

        await _host.Analyst.RecordAsync("suspended", "2025-01-10");

        await Eventually.TrueAsync(() => healthy.Accepted.Any(), "the healthy receiver's alert", seconds: 2);
        var id = healthy.Accepted.Single().Id;
        await Eventually.TrueAsync(async () => (await _host.Reader.AlertAsync(id))?.Deliveries()
            .Any(d => d.GetProperty("subscription").GetString() == hangingSubscription && d.GetProperty("outcome").GetString() == "failed") == true,
            "the hanging receiver's delivery to be given up");
        var failed = (await _host.Analyst.GetJson("/api/alerts?outcome=failed")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == id)
            .Deliveries().Single(d => d.GetProperty("subscription").GetString() == hangingSubscription);
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.Equal(error, failed.GetProperty("error").GetString());
        Assert.Equal(3, hanging.Requests.Count);
        Assert.All(hanging.Requests, r => Assert.Equal(id, r.Id));
    }

    [Fact]
    public async Task A_failing_receivers_answer_is_never_shown_and_only_analysts_see_why_it_failed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        receiver.Body = "<h1>Internal admin</h1><p>db-password=hunter2</p>";
        var subscription = await _host.Analyst.SubscribeAsync(receiver);

        await _host.Analyst.RecordAsync("suspended", "2025-01-10");

        await Eventually.TrueAsync(async () => (await _host.Reader.GetJson("/api/alerts?outcome=failed")).GetArrayLength() > 0, "the delivery to be given up");
        var forAnalysts = await (await _host.Analyst.GetAsync("/api/alerts?outcome=failed")).Content.ReadAsStringAsync();
        var forAnyone = await (await _host.Reader.GetAsync("/api/alerts?outcome=failed")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", forAnalysts + forAnyone);
        var seenByAnalyst = Delivery(forAnalysts, subscription);
        Assert.Equal(("failed", "http-500", "127.0.0.1"),
            (seenByAnalyst.GetProperty("outcome").GetString(), seenByAnalyst.GetProperty("error").GetString(), seenByAnalyst.GetProperty("receiver").GetString()));
        var seenByAnyone = Delivery(forAnyone, subscription);
        Assert.Equal(("failed", 3), (seenByAnyone.GetProperty("outcome").GetString(), seenByAnyone.GetProperty("attempts").GetInt32()));
        Assert.False(seenByAnyone.TryGetProperty("error", out _));
        Assert.DoesNotContain("127.0.0.1", forAnyone);
    }

    private static JsonElement Delivery(string alerts, string subscription) =>
        JsonDocument.Parse(alerts).RootElement[0].Deliveries().Single(d => d.GetProperty("subscription").GetString() == subscription);

    [Fact]
    public async Task A_backdated_change_to_the_current_status_is_retroactive_and_a_rewrite_of_the_past_is_a_history_revision()
    {
        await using var changes = await WebhookReceiver.StartAsync();
        await using var revisions = await WebhookReceiver.StartAsync();
        await _host.Analyst.SubscribeAsync(changes);
        await _host.Analyst.SubscribeAsync(revisions, "military", "history-revised");

        await _host.Analyst.RecordAsync("declined", "2025-04-01");                 // active → strained
        await _host.Analyst.RecordAsync("suspended", "2025-03-15");                // backdated: strained → suspended
        await _host.Analyst.RecordAsync("restoration-requested", "2024-02-01");    // backdated, changes nothing
        var rewrite = await _host.Analyst.RecordAsync("suspended", "2024-05-01");  // backdated: suspended since earlier

        await Eventually.TrueAsync(() => changes.Requests.Count >= 2 && revisions.Requests.Count >= 1, "the alerts");
        await Task.Delay(300);
        // Deliveries run side by side, so they may arrive in either order: taken in the order they were raised.
        var seen = changes.Requests.OrderBy(r => r.Body.GetProperty("raisedAt").GetDateTimeOffset())
            .Select(r => (r.Text("from"), r.Text("to"), r.Body.GetProperty("retroactive").GetBoolean())).ToList();
        Assert.Equal([("active", "strained", false), ("strained", "suspended", true)], seen);
        var revision = Assert.Single(revisions.Requests);
        Assert.Equal(("history-revised", "suspended", rewrite), (revision.Text("kind"), revision.Text("to"), revision.Body.GetProperty("development").GetProperty("id").GetString()));
        Assert.True(revision.SignatureValid);
    }

    [Fact]
    public async Task A_retraction_that_changes_the_current_status_is_alerted_as_retroactive()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await _host.Analyst.SubscribeAsync(receiver);
        var mistake = await _host.Analyst.RecordAsync("suspended", "2025-01-10");
        await Eventually.TrueAsync(() => receiver.Requests.Count == 1, "the suspension alert");

        var retraction = await _host.Analyst.PostAsync($"/api/developments/{mistake}/retraction", ApiJson.Body("""{"reason":"Misreported."}"""));
        retraction.EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => receiver.Requests.Count == 2, "the alert for the retraction");
        var alert = receiver.Requests.Last();
        Assert.Equal(("suspended", "active", true), (alert.Text("from"), alert.Text("to"), alert.Body.GetProperty("retroactive").GetBoolean()));
        Assert.Equal("retracted", alert.Body.GetProperty("development").GetProperty("change").GetString());
    }
}
