using MassTransit;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Wakes the live stream's listeners when an alert is raised. Only a wake-up: each listener then reads
/// the alerts after the last one it sent from the alert book, in log order, so none is skipped or
/// sent twice, however the notices arrive.
/// </summary>
public sealed class AlertBroadcast
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next raise. Take it before reading the book, so a raise in between still wakes you.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raised() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>Hands each raised alert to the live stream.</summary>
public sealed class BroadcastAlertConsumer(AlertBroadcast broadcast) : IConsumer<AlertWasRaised>
{
    public Task Consume(ConsumeContext<AlertWasRaised> context)
    {
        broadcast.Raised();
        return Task.CompletedTask;
    }
}
