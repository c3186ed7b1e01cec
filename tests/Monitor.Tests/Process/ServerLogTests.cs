using System.Net;
using Monitor.Tests.Alerts;
using Monitor.Tests.Api;

namespace Monitor.Tests.Process;

/// <summary>What the server prints (its logs) while subscriptions are made and deliveries fail.</summary>
public sealed class ServerLogTests
{
    private const string Key = "log-test-analyst-key";

    [Fact]
    public async Task Logs_never_hold_a_webhook_secret_its_url_token_or_what_the_receiver_answered()
    {
        using var data = new TempFolder();
        await using var receiver = await WebhookReceiver.StartAsync("log-secret-value");
        receiver.Answer = _ => 500;
        receiver.Body = "receiver-page-marker";
        using var server = await ServerProcess.StartAsync(data.Path, Key, [.. AlertTesting.FastSettings, "Logging:LogLevel:Default=Debug"]);
        using var http = server.Client(Key);

        await http.SubscribeAsync(AlertTesting.Webhook(receiver.Url + "?token=url-token-value", receiver.Secret));
        var refused = AlertTesting.Webhook("http://127.0.0.1:9/hook?token=url-token-value", receiver.Secret, channel: "navy");
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/subscriptions", ApiJson.Body(refused))).StatusCode);
        await http.RecordAsync("suspended", "2025-01-10");
        await Eventually.TrueAsync(async () => (await http.GetJson("/api/alerts?outcome=failed")).GetArrayLength() > 0, "the delivery to be given up");

        Assert.Contains("http-500", server.Output); // the failure was logged, without what the receiver said
        Assert.DoesNotContain(receiver.Secret, server.Output);
        Assert.DoesNotContain("url-token-value", server.Output);
        Assert.DoesNotContain("receiver-page-marker", server.Output);
    }
}
