using System.Net;
using System.Text.Json.Nodes;
using Monitor.Tests.Api;

namespace Monitor.Tests.Alerts;

public sealed class SubscriptionApiTests : IAsyncLifetime
{
    private const string Secret = "never-show-this-secret";
    private readonly MonitorHost _host = new(settings: AlertTesting.FastSettings);

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    public static TheoryData<string, string> BadSubscriptions => new()
    {
        { """{"channels":["navy"],"webhook":{"url":"http://127.0.0.1:9/hook","secret":"s"}}""", "channels[0]" },
        { """{"channels":[],"webhook":{"url":"http://127.0.0.1:9/hook","secret":"s"}}""", "channels" },
        { """{"channels":["military"],"webhook":{"url":"ftp://example.org/hook","secret":"s"}}""", "webhook.url" },
        { """{"channels":["military"],"webhook":{"url":"not a url","secret":"s"}}""", "webhook.url" },
        { """{"channels":["military"],"webhook":{"url":"https://example.org/hook","secret":""}}""", "webhook.secret" },
        { """{"channels":["military"],"email":"analyst-at-example.org"}""", "email" },
        { """{"channels":["military"],"email":"Analyst <a@example.org>"}""", "email" },
        { """{"channels":["military"]}""", "webhook" },
        { """{"channels":["military"],"kinds":["everything"],"email":"a@example.org"}""", "kinds[0]" },
        { """{"channels":["military"],"kinds":["digest"],"webhook":{"url":"https://example.org/hook","secret":"s"}}""", "kinds" },
        { """{"channels":["military"],"email":"a@example.org","webhok":{}}""", "webhok" },
        { """{"channels":["military"],"email":"a@example.org","Email":"b@example.org"}""", "Email" },
        { """{"channels":["military"],"webhook":{"url":"https://example.org/\u202Ekoob","secret":"s"}}""", "webhook.url" },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task Bad_input_is_refused_naming_the_field_and_stores_nothing(string body, string field)
    {
        var response = await _host.Analyst.PostAsync("/api/subscriptions", ApiJson.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty(field, out _), $"the problem should name '{field}'");
        Assert.Equal(0, (await _host.Analyst.GetJson("/api/subscriptions")).GetArrayLength());
    }

    [Fact]
    public async Task Managing_subscriptions_needs_an_analyst_key()
    {
        var body = AlertTesting.Webhook("https://example.org/hook", Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Reader.PostAsync("/api/subscriptions", ApiJson.Body(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Reader.GetAsync("/api/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Reader.DeleteAsync($"/api/subscriptions/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_secret_is_never_shown()
    {
        var created = await _host.Analyst.PostAsync("/api/subscriptions", ApiJson.Body(AlertTesting.Webhook("https://example.org/hook", Secret)));
        await _host.Analyst.RecordAsync("suspended", "2025-01-10");

        Assert.DoesNotContain(Secret, await created.Content.ReadAsStringAsync());
        var listing = await (await _host.Analyst.GetAsync("/api/subscriptions")).Content.ReadAsStringAsync();
        Assert.Contains("https://example.org/hook", listing);
        Assert.DoesNotContain(Secret, listing);
        Assert.DoesNotContain(Secret, await (await _host.Reader.GetAsync("/api/alerts")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_ended_subscription_gets_no_more_alerts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var id = await _host.Analyst.SubscribeAsync(receiver);

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Analyst.DeleteAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Analyst.DeleteAsync($"/api/subscriptions/{id}")).StatusCode);
        await _host.Analyst.RecordAsync("suspended", "2025-01-10");

        await Eventually.TrueAsync(async () => (await _host.Reader.GetJson("/api/alerts?channel=military&kind=status-changed&limit=1"))
            .EnumerateArray().Any(a => a.GetProperty("to").GetString() == "suspended"), "the alert to be raised");
        Assert.Empty((await _host.Reader.GetJson("/api/alerts?channel=military&kind=status-changed&limit=1"))[0].Deliveries());
        Assert.Empty(receiver.Requests);
        Assert.Equal(0, (await _host.Analyst.GetJson("/api/subscriptions")).GetArrayLength());
    }

    [Fact]
    public async Task Alert_filters_are_checked()
    {
        var response = await _host.Reader.GetAsync("/api/alerts?kind=everything&outcome=lost&channel=navy");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJson()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _) && errors.TryGetProperty("outcome", out _) && errors.TryGetProperty("channel", out _));
    }
}
