using System.Net;
using System.Net.Http.Headers;

namespace Monitor.Tests.Api;

/// <summary>Bearer keys against the real server, with reads closed to all but reader and analyst keys.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private const string ReaderKey = "test-reader-key-0001";
    private const int FailuresAllowed = 3;
    private readonly MonitorHost _host = new(settings: ["Monitor:Auth:ReaderKeys:0=" + ReaderKey, $"Monitor:Auth:FailedAttemptsPerMinute={FailuresAllowed}"]);

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Theory]
    [InlineData("\v")]
    [InlineData("\v\v")]
    [InlineData(MonitorHost.AnalystKey + "\v")]
    [InlineData(" " + MonitorHost.AnalystKey)]
    public async Task A_token_that_is_not_exactly_a_key_is_401_with_a_bearer_challenge(string token)
    {
        var before = await TotalRecorded();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/developments") { Content = ApiJson.Body(ApiJson.Development()) };
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token));

        var response = await _host.Reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await TotalRecorded());
    }

    [Fact]
    public async Task A_reader_key_reads_but_may_not_write()
    {
        using var reader = Client("Bearer " + ReaderKey);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/channels")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Analyst.GetAsync("/api/channels")).StatusCode);
        var anonymous = await _host.Reader.GetAsync("/api/channels");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        var write = await reader.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development()));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/subscriptions")).StatusCode);
    }

    [Fact]
    public async Task Repeated_refused_keys_from_one_client_get_429_while_good_keys_go_through()
    {
        using var guesser = Client("Bearer not-the-key-0000000");
        for (var i = 0; i < FailuresAllowed; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/channels")).StatusCode);

        var limited = await guesser.GetAsync("/api/channels");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        using var reader = Client("Bearer " + ReaderKey);
        for (var i = 0; i < FailuresAllowed + 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/channels")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _host.Analyst.GetAsync("/api/subscriptions")).StatusCode);
        }
    }

    private async Task<int> TotalRecorded() => (await _host.Analyst.GetJson("/api/developments?limit=1")).GetProperty("total").GetInt32();

    private HttpClient Client(string authorization)
    {
        var client = new HttpClient { BaseAddress = _host.Reader.BaseAddress };
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        return client;
    }
}
