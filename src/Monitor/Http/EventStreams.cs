using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Monitor.Json;
using Monitor.Projections;

namespace Monitor.Http;

/// <summary>
/// What every live stream (server-sent events) does alike: it opens once the read models have caught up, shows
/// itself open before its first event, writes each event's data as JSON, keeps quiet connections alive with a
/// comment, and ends with the client or with the server, since an open stream must not hold up shutdown.
/// </summary>
public static class EventStreams
{
    /// <param name="events">The stream's events, given the response body (for heartbeats) and the stream's end.</param>
    public static async Task ServeAsync(HttpContext http, Projector projector, IHostApplicationLifetime lifetime,
        Func<Stream, CancellationToken, IAsyncEnumerable<SseItem<object>>> events)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = both.Token;
        try
        {
            // Just after a restart the read models are still replaying the log: positions are not yet where clients left them.
            await projector.CaughtUp.WaitAsync(ct);
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await http.Response.Body.FlushAsync(ct);
            await SseFormatter.WriteAsync(events(http.Response.Body, ct), http.Response.Body, (item, buffer) =>
            {
                using var json = new Utf8JsonWriter(buffer);
                JsonSerializer.Serialize(json, item.Data, item.Data.GetType(), MonitorJson.Options);
            }, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away, or the server is stopping.
        }
    }

    /// <summary>Waits for <paramref name="wake"/>; each time <paramref name="heartbeat"/> passes first, sends a comment.</summary>
    public static async Task WaitAsync(Task wake, TimeSpan heartbeat, Stream body, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await wake.WaitAsync(heartbeat, ct);
                return;
            }
            catch (TimeoutException)
            {
                // The formatter is waiting on the enumerator between events, so the response is free for a comment.
                await body.WriteAsync(": heartbeat\n\n"u8.ToArray(), ct);
                await body.FlushAsync(ct);
            }
        }
    }
}
