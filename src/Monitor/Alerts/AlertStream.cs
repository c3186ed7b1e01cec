using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Monitor.Alerts.Delivery;
using Monitor.Hosting;
using Monitor.Http;
using Monitor.Json;
using Monitor.Projections;

namespace Monitor.Alerts;

/// <summary>
/// GET /api/alerts/stream: server-sent events, one per alert raised from now on (id: its log position). A client
/// that reconnects with Last-Event-ID first gets every alert raised after that one. An id this log never reached
/// (the client last listened to another store) gets a <c>reset</c> event: reload what you show, then the stream
/// goes on from here. A comment (": heartbeat") is sent whenever the stream has been silent for
/// Monitor:Alerts:StreamHeartbeat, so proxies keep it open and the client knows the server lives.
/// </summary>
public static class AlertStream
{
    public static async Task Open(HttpContext http, ReadModel model, Projector projector, AlertBroadcast broadcast,
        IHostApplicationLifetime lifetime, IOptions<MonitorOptions> options, string? channel)
    {
        if (channel is not null && !model.Board.Catalog.Contains(channel))
        {
            await Problems.Invalid("channel", $"Unknown channel {SafeText.Quote(channel)}.").ExecuteAsync(http);
            return;
        }
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        long? resumeAfter = null;
        if (lastEventId.Length > 0)
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
            {
                await Problems.Invalid("Last-Event-ID", $"{SafeText.Quote(lastEventId)} is not an id this stream sent: "
                    + "reconnect without it to get the alerts raised from now on.").ExecuteAsync(http);
                return;
            }
            resumeAfter = after;
        }

        // Ends with the client or with the server: an open stream must not hold up shutdown.
        using var both = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = both.Token;
        try
        {
            // Just after a restart the read models are still replaying the log: a resuming client's id is not past its end.
            await projector.CaughtUp.WaitAsync(ct);
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await http.Response.Body.FlushAsync(ct); // the client sees the stream open before the first alert
            var events = Events(model, broadcast, channel, resumeAfter, options.Value.Alerts.StreamHeartbeat, http.Response.Body, ct);
            await SseFormatter.WriteAsync(events, http.Response.Body, (item, buffer) =>
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

    private static async IAsyncEnumerable<SseItem<object>> Events(ReadModel model, AlertBroadcast broadcast, string? channel,
        long? resumeAfter, TimeSpan heartbeat, Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        var end = model.Read(m => m.Alerts.LastPosition);
        if (resumeAfter > end) yield return Reset(end);
        var sent = resumeAfter is { } after && after <= end ? after : end;
        while (!ct.IsCancellationRequested)
        {
            var wake = broadcast.Next;
            foreach (var alert in model.Read(m => m.Alerts.After(sent).ToList()))
            {
                sent = alert.Position;
                if (channel is null || alert.Alert.Channel == channel) yield return Item(alert);
            }
            try
            {
                await wake.WaitAsync(heartbeat, ct);
            }
            catch (TimeoutException)
            {
                // SseFormatter is waiting on this enumerator between events, so the response is free for a comment.
                await body.WriteAsync(": heartbeat\n\n"u8.ToArray(), ct);
                await body.FlushAsync(ct);
            }
        }
    }

    private static SseItem<object> Item(RaisedAlert raised) =>
        new(raised.Alert, "alert") { EventId = Id(raised.Position) };

    private const string ResetReason =
        "Last-Event-ID is past the end of this monitor's log: alerts may have been missed. Reload, then follow this stream.";

    private static SseItem<object> Reset(long end) =>
        new(new { reason = ResetReason, lastEventId = end }, "reset") { EventId = Id(end) };

    private static string Id(long position) => position.ToString(CultureInfo.InvariantCulture);
}
