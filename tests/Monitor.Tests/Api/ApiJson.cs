using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Tests.Api;

internal static class ApiJson
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Body(JsonNode json) => Body(json.ToJsonString());

    public static async Task<JsonElement> ReadJson(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    public static async Task<JsonElement> GetJson(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJson();
    }

    /// <summary>A valid development body; tests change one thing in it.</summary>
    public static JsonObject Development(string channel = "military", string kind = "contact-held", string occurredOn = "2024-09-01",
        string? title = null, string? publishedOn = null, string publisher = "Test Wire") => new()
        {
            ["channels"] = new JsonArray(channel),
            ["kind"] = kind,
            ["occurredOn"] = occurredOn,
            ["summary"] = "Test development.",
            ["actors"] = new JsonArray("Someone"),
            ["sources"] = new JsonArray(new JsonObject
            {
                ["title"] = title ?? "Headline " + Guid.NewGuid(),
                ["publisher"] = publisher,
                ["publishedOn"] = publishedOn ?? occurredOn,
                ["evidence"] = "It happened.",
            }),
        };

    public static string StatusOf(JsonElement channels, string id) =>
        channels.EnumerateArray().Single(c => c.GetProperty("id").GetString() == id).GetProperty("status").GetString()!;
}
