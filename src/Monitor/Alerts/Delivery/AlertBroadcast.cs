using MassTransit;
using Monitor.EventStore;
using Monitor.Projections;

namespace Monitor.Alerts.Delivery;

/// <summary>Wakes the live stream's listeners when an alert is raised; each then reads the alert book from where it was.</summary>
public sealed class AlertBroadcast : Signal;

/// <summary>Hands each raised alert to the live stream, on every server (each has its own queue for it).</summary>
public sealed class BroadcastAlertConsumer(AlertBroadcast broadcast, IEventStore store, ReadModel model) : IConsumer<AlertWasRaised>
{
    public async Task Consume(ConsumeContext<AlertWasRaised> context)
    {
        // Raised by another server, the alert may not be in this one's read models yet: the listeners would find nothing new.
        if (model.Read(m => !m.Alerts.IsRaised(context.Message.AlertId)))
            await model.WaitForAsync(await store.HeadPositionAsync(context.CancellationToken), context.CancellationToken);
        broadcast.Notify();
    }
}
