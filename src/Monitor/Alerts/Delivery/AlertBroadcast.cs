using System.Collections.Concurrent;
using System.Threading.Channels;
using MassTransit;
using Monitor.Projections;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Live listeners of the server-sent event stream. A listener that falls too far behind is cut off
/// rather than buffered without end; it reconnects with Last-Event-ID and misses nothing.
/// </summary>
public sealed class AlertBroadcast
{
    private const int Backlog = 1_024;
    private readonly ConcurrentDictionary<Guid, Channel<RaisedAlert>> _listeners = new();

    public Listener Listen()
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<RaisedAlert>(new BoundedChannelOptions(Backlog) { SingleReader = true });
        _listeners[id] = channel;
        return new Listener(channel.Reader, () => _listeners.TryRemove(id, out _));
    }

    public void Publish(RaisedAlert alert)
    {
        foreach (var (id, listener) in _listeners)
        {
            if (!listener.Writer.TryWrite(alert) && _listeners.TryRemove(id, out _)) listener.Writer.TryComplete();
        }
    }

    public sealed class Listener(ChannelReader<RaisedAlert> alerts, Action leave) : IDisposable
    {
        public ChannelReader<RaisedAlert> Alerts { get; } = alerts;

        public void Dispose() => leave();
    }
}

/// <summary>Hands each raised alert to the live stream's listeners.</summary>
public sealed class BroadcastAlertConsumer(ReadModel model, AlertBroadcast broadcast) : IConsumer<AlertWasRaised>
{
    public Task Consume(ConsumeContext<AlertWasRaised> context)
    {
        if (model.Read(m => m.Alerts.Find(context.Message.AlertId)) is { } alert) broadcast.Publish(alert);
        return Task.CompletedTask;
    }
}
