using System.Text.Json;
using Monitor.Tests.Alerts;
using Monitor.Tests.Api;

namespace Monitor.Tests.Process;

/// <summary>A webhook that keeps failing, as an analyst watches it: each attempt shows at once, and the count survives a restart.</summary>
public sealed class RetryingDeliveryTests
{
    private const string Key = "retrying-test-analyst-key";

    // The next attempt is at least half a minute away: meanwhile the failed one shows, not "pending, 0 attempts".
    private static readonly string[] SlowRetries = [.. AlertTesting.FastSettings, "Monitor:Alerts:Delivery:Attempts=5",
        "Monitor:Alerts:Delivery:FirstRetryDelay=00:01:00", "Monitor:Alerts:Delivery:MaxRetryDelay=00:01:00"];

    [Fact]
    public async Task A_delivery_being_retried_shows_its_attempts_last_error_and_next_attempt_and_counts_on_after_a_restart()
    {
        using var data = new TempFolder();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        receiver.Body = "receiver-page-marker";
        using (var server = await ServerProcess.StartAsync(data.Path, Key, SlowRetries))
        {
            using var http = server.Client(Key);
            await http.SubscribeAsync(receiver);
            var recorded = DateTimeOffset.UtcNow;
            await http.RecordAsync("suspended", "2025-01-10");

            var delivery = await RetryingAsync(http, attempts: 1);
            Assert.Equal("http-500", delivery.GetProperty("error").GetString());
            var next = delivery.GetProperty("nextAttemptAt").GetDateTimeOffset();
            Assert.InRange(next, recorded.AddSeconds(30), DateTimeOffset.UtcNow.AddMinutes(1));

            var (code, output, error) = await MonitorCli.RunAsync(data.Path, "alerts", "--server", server.Address.ToString(), "--key", Key);
            Assert.True(code == 0, error);
            Assert.Contains($"1 retrying (1 attempt, last http-500, next at {next:HH:mm:ss})", output);
            Assert.DoesNotContain("receiver-page-marker", output);
            server.KillHard();
        }

        // After a restart, what is owed is tried at once: the second attempt, not the first again.
        using (var server = await ServerProcess.StartAsync(data.Path, Key, SlowRetries))
        {
            await RetryingAsync(server.Client(Key), attempts: 2);
            Assert.Equal(2, receiver.Requests.Count);
            Assert.Single(receiver.Requests.Select(r => r.Id).Distinct());
        }
    }

    private static async Task<JsonElement> RetryingAsync(HttpClient analyst, int attempts)
    {
        JsonElement? found = null;
        await Eventually.TrueAsync(async () =>
        {
            found = (await analyst.GetJson("/api/alerts?outcome=retrying")).EnumerateArray().SelectMany(a => a.Deliveries())
                .Cast<JsonElement?>().FirstOrDefault(d => d!.Value.GetProperty("attempts").GetInt32() == attempts);
            return found is not null;
        }, $"the delivery to show as retrying after {attempts} attempts");
        return found!.Value;
    }
}
