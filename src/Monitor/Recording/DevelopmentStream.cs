using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Monitor.Hosting;
using Monitor.Http;
using Monitor.Projections;

namespace Monitor.Recording;

/// <summary>
/// GET /api/developments/stream: server-sent events telling a page to reload what it shows. The first event
/// comes at once (so a page that reconnects after a restart catches up), then one after each change to the
/// recorded developments (a record, an added source, a correction, a retraction). Changes close together are
/// told once: each event carries the ledger's revision and log position as they stand when it is sent.
/// </summary>
public static class DevelopmentStream
{
    public static Task Open(HttpContext http, ReadModel model, Projector projector, IHostApplicationLifetime lifetime,
        IOptions<MonitorOptions> options)
    {
        var heartbeat = options.Value.Alerts.StreamHeartbeat;
        return EventStreams.ServeAsync(http, projector, lifetime, (body, ct) => Events(model, heartbeat, body, ct));
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(ReadModel model, TimeSpan heartbeat, Stream body,
        [EnumeratorCancellation] CancellationToken ct)
    {
        long? sent = null;
        while (!ct.IsCancellationRequested)
        {
            var wake = model.LedgerChanged.Next;
            var (revision, position) = model.Read(m => (m.LedgerRevision, m.Checkpoint));
            if (revision != sent)
            {
                sent = revision;
                yield return new(new LedgerChange(revision, position), "changed")
                {
                    EventId = position.ToString(CultureInfo.InvariantCulture),
                };
            }
            await EventStreams.WaitAsync(wake, heartbeat, body, ct);
        }
    }

    /// <param name="Revision">The ledger's revision: how many changes to developments there have been, less one.</param>
    /// <param name="Position">The log position the read models stand at.</param>
    private sealed record LedgerChange(long Revision, long Position);
}
