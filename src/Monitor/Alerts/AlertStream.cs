using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Monitor.Alerts.Delivery;
using Monitor.Hosting;
using Monitor.Http;
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
            await Problems.Invalid("channel", model.Board.Catalog.Unknown(channel)).ExecuteAsync(http);
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

        var heartbeat = options.Value.Alerts.StreamHeartbeat;
        await EventStreams.ServeAsync(http, projector, lifetime,
            (body, ct) => Events(model, broadcast, channel, resumeAfter, heartbeat, body, ct));
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
                if (channel is null || alert.Alert.OnChannel == channel) yield return Item(alert);
            }
            await EventStreams.WaitAsync(wake, heartbeat, body, ct);
        }
    }

    private static SseItem<object> Item(RaisedAlert raised) =>
        new(AlertJson.Of(raised), "alert") { EventId = Id(raised.Position) };

    private const string ResetReason =
        "Last-Event-ID is past the end of this monitor's log: alerts may have been missed. Reload, then follow this stream.";

    private static SseItem<object> Reset(long end) =>
        new(new { reason = ResetReason, lastEventId = end }, "reset") { EventId = Id(end) };

    private static string Id(long position) => position.ToString(CultureInfo.InvariantCulture);
}
