using MassTransit;
using Monitor.Projections;

namespace Monitor.Alerts.Delivery;

/// <summary>Wakes the live stream's listeners when an alert is raised; each then reads the alert book from where it was.</summary>
public sealed class AlertBroadcast : Signal;

/// <summary>Hands each raised alert to the live stream.</summary>
public sealed class BroadcastAlertConsumer(AlertBroadcast broadcast) : IConsumer<AlertWasRaised>
{
    public Task Consume(ConsumeContext<AlertWasRaised> context)
    {
        broadcast.Notify();
        return Task.CompletedTask;
    }
}
