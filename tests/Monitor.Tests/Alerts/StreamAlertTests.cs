using System.Net.ServerSentEvents;
using System.Text.Json;
using Monitor.Tests.Api;

namespace Monitor.Tests.Alerts;

/// <summary>GET /api/alerts/stream: server-sent events, live, and resumable with Last-Event-ID.</summary>
public sealed class StreamAlertTests : IAsyncLifetime
{
    private readonly MonitorHost _host = new(settings: [.. AlertTesting.FastSettings, "Monitor:Alerts:StreamHeartbeat=00:00:00.2"]);

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Alerts_arrive_live_and_a_client_that_reconnects_misses_none()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string firstId;
        using (var stream = await OpenAsync(lastEventId: null, timeout.Token))
        {
            var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            var suspension = await _host.Analyst.RecordAsync("suspended", "2025-01-10");
            var first = await NextAlertAsync(events, suspension);
            Assert.Equal(("status-changed", "active", "suspended"), (Text(first.Data, "kind"), Text(first.Data, "from"), Text(first.Data, "to")));
            firstId = first.EventId!;
            await events.DisposeAsync();
        }

        var resumption = await _host.Analyst.RecordAsync("contact-held", "2025-02-01"); // raised while nobody listens

        using var resumed = await OpenAsync(firstId, timeout.Token);
        var again = SseParser.Create(resumed).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        var missed = await NextAlertAsync(again, resumption);
        Assert.Equal(("suspended", "active"), (Text(missed.Data, "from"), Text(missed.Data, "to")));
        Assert.True(long.Parse(missed.EventId!) > long.Parse(firstId));
        await again.DisposeAsync();
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task An_unreadable_last_event_id_is_refused_at_once_naming_it(string lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/alerts/stream");
        request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await _host.Reader.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJson()).GetProperty("errors").TryGetProperty("Last-Event-ID", out _));
    }

    [Fact]
    public async Task An_id_past_the_end_of_the_log_gets_a_reset_at_once_then_the_stream_goes_on()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await OpenAsync("999999999", timeout.Token);
        var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("reset", events.Current.EventType);
        var end = long.Parse(events.Current.EventId!);
        Assert.True(end < 999999999);
        Assert.Contains("Reload", Text(events.Current.Data, "reason"));

        var suspension = await _host.Analyst.RecordAsync("suspended", "2025-01-10");
        Assert.True(long.Parse((await NextAlertAsync(events, suspension)).EventId!) > end);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task A_silent_stream_sends_a_heartbeat_comment()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var reader = new StreamReader(await OpenAsync(lastEventId: null, timeout.Token));
        var lines = new List<string>();
        while (lines.Count(l => l == ": heartbeat") < 2 && await reader.ReadLineAsync(timeout.Token) is { } line) lines.Add(line);
        Assert.Equal(2, lines.Count(l => l == ": heartbeat"));
    }

    private async Task<Stream> OpenAsync(string? lastEventId, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/alerts/stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await _host.Reader.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStreamAsync(ct);
    }

    /// <summary>
    /// The next status change caused by <paramref name="developmentId"/>: the seeded history raises alerts of its own
    /// as the server starts, and the clock check may call the channel quiet citing the same development.
    /// </summary>
    private static async Task<SseItem<string>> NextAlertAsync(IAsyncEnumerator<SseItem<string>> events, string developmentId)
    {
        while (await events.MoveNextAsync())
        {
            if (events.Current.EventType == "alert" && Text(events.Current.Data, "kind") == "status-changed"
                && JsonDocument.Parse(events.Current.Data).RootElement.TryGetProperty("development", out var d)
                && d.GetProperty("id").GetString() == developmentId)
                return events.Current;
        }
        throw new InvalidOperationException("The stream ended.");
    }

    private static string? Text(string json, string name) =>
        JsonDocument.Parse(json).RootElement.TryGetProperty(name, out var v) ? v.GetString() : null;
}
