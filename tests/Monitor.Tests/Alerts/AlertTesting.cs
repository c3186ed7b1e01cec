using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Tests.Api;

namespace Monitor.Tests.Alerts;

/// <summary>Settings that make retries and schedules quick enough for tests, and the calls alert tests share.</summary>
internal static class AlertTesting
{
    public static readonly string[] FastSettings =
    [
        "Monitor:Alerts:Delivery:Attempts=3",
        "Monitor:Alerts:Delivery:FirstRetryDelay=00:00:00.05",
        "Monitor:Alerts:Delivery:MaxRetryDelay=00:00:00.2",
        "Monitor:Alerts:Delivery:WebhookTimeout=00:00:01",
        "Monitor:Alerts:DetectionInterval=00:00:01",
        "Monitor:Alerts:TimeCheckInterval=00:00:00.1",
        "Monitor:Alerts:Webhooks:AllowPrivateNetworks=true",
    ];

    public static async Task<string> SubscribeAsync(this HttpClient analyst, JsonObject body)
    {
        var response = await analyst.PostAsync("/api/subscriptions", ApiJson.Body(body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJson()).GetProperty("id").GetString()!;
    }

    public static Task<string> SubscribeAsync(this HttpClient analyst, WebhookReceiver receiver, string channel = "military", params string[] kinds) =>
        analyst.SubscribeAsync(Webhook(receiver.Url, receiver.Secret, channel, kinds));

    public static JsonObject Webhook(string url, string secret, string channel = "military", params string[] kinds)
    {
        var body = new JsonObject { ["channels"] = new JsonArray(channel), ["webhook"] = new JsonObject { ["url"] = url, ["secret"] = secret } };
        if (kinds.Length > 0) body["kinds"] = new JsonArray(kinds.Select(k => (JsonNode)k).ToArray());
        return body;
    }

    public static async Task<string> RecordAsync(this HttpClient analyst, string kind, string occurredOn, string channel = "military")
    {
        var response = await analyst.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development(channel, kind, occurredOn)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJson()).GetProperty("id").GetString()!;
    }

    /// <summary>The alert with this id from GET /api/alerts, once it exists.</summary>
    public static async Task<JsonElement?> AlertAsync(this HttpClient reader, string id) =>
        (await reader.GetJson("/api/alerts?limit=500")).EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(a => a!.Value.GetProperty("id").GetString() == id);

    public static IEnumerable<JsonElement> Deliveries(this JsonElement alert) => alert.GetProperty("deliveries").EnumerateArray();
}
