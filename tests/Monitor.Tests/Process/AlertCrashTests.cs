using Monitor.Tests.Alerts;

namespace Monitor.Tests.Process;

/// <summary>kill -9 of the real server process around an alert: it is still delivered, and accepted once.</summary>
public sealed class AlertCrashTests
{
    private const string Key = "alert-crash-analyst-key";

    [Fact]
    public async Task An_alert_whose_append_was_acknowledged_arrives_once_after_kill_9()
    {
        using var data = new TempFolder();
        await using var receiver = await WebhookReceiver.StartAsync("crash-secret-value");
        receiver.Answer = _ => WebhookReceiver.Hang; // nothing can be delivered before the kill
        using (var server = await ServerProcess.StartAsync(data.Path, Key, AlertTesting.FastSettings))
        {
            using var http = server.Client(Key);
            await http.SubscribeAsync(receiver);
            await http.RecordAsync("suspended", "2025-01-10");
            server.KillHard();
            Assert.DoesNotContain(receiver.Secret, server.Output);
        }

        receiver.Answer = _ => 200;
        using (var restarted = await ServerProcess.StartAsync(data.Path, Key, AlertTesting.FastSettings))
        {
            await Eventually.TrueAsync(() => receiver.Accepted.Any(), "the alert after the restart", seconds: 30);
            await Task.Delay(1_500); // a scheduled detection run comes and goes
            var accepted = Assert.Single(receiver.Accepted);
            Assert.Equal(("active", "suspended"), (accepted.Text("from"), accepted.Text("to")));
            Assert.All(receiver.Requests, r => Assert.Equal(accepted.Id, r.Id));
            Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
            Assert.DoesNotContain(receiver.Secret, restarted.Output);
        }
    }

    [Fact]
    public async Task An_alert_in_the_middle_of_delivery_when_the_server_is_killed_is_delivered_after_the_restart_and_accepted_once()
    {
        using var data = new TempFolder();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => WebhookReceiver.Hang;
        string inFlight;
        using (var server = await ServerProcess.StartAsync(data.Path, Key, AlertTesting.FastSettings))
        {
            using var http = server.Client(Key);
            await http.SubscribeAsync(receiver);
            await http.RecordAsync("suspended", "2025-01-10");
            await Eventually.TrueAsync(() => !receiver.Requests.IsEmpty, "the first delivery attempt to reach the receiver");
            inFlight = receiver.Requests.First().Id;
            server.KillHard(); // while the receiver holds the request
        }

        receiver.Answer = _ => 200;
        using (await ServerProcess.StartAsync(data.Path, Key, AlertTesting.FastSettings))
        {
            await Eventually.TrueAsync(() => receiver.Accepted.Any(), "the alert after the restart", seconds: 30);
            await Task.Delay(1_500);
            Assert.Equal(inFlight, Assert.Single(receiver.Accepted).Id);
            Assert.All(receiver.Requests, r => Assert.Equal(inFlight, r.Id));
        }
    }
}
