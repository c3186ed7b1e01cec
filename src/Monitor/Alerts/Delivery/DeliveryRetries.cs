using MassTransit;
using Monitor.Hosting;
using Quartz;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Sends a delivery to the bus again after a given wait, through Quartz rather than the bus: RabbitMQ would need its
/// delayed-exchange plugin for that, which Debian's package lacks, and on the clustered scheduler the trigger is kept in
/// PostgreSQL, so it fires once, on whichever server is alive then. One trigger per delivery: scheduling again moves it.
/// </summary>
public sealed class DeliveryRetries(ISchedulerFactory schedulers)
{
    /// <param name="wait">Real time, as Quartz keeps it (not the monitor's clock, which tests move by days).</param>
    public async Task ScheduleAsync(Guid alertId, Guid subscriptionId, TimeSpan wait, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var key = new TriggerKey($"{alertId:N}-{subscriptionId:N}", "deliveries");
        var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(RedeliverJob.Key).StartAt(TimeProvider.System.GetUtcNow() + wait)
            .UsingJobData(RedeliverJob.Alert, alertId.ToString("N")).UsingJobData(RedeliverJob.Subscription, subscriptionId.ToString("N"))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, ct);
    }
}

/// <summary>Quartz job: a delivery's time has come; hand it to the bus, whose consumer decides whether it is still owed.</summary>
public sealed class RedeliverJob(IBus bus, LogThrottle throttle, ILogger<RedeliverJob> log) : IJob
{
    public static readonly JobKey Key = new("redeliver", "alerts");
    public const string Alert = "alert";
    public const string Subscription = "subscription";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var data = context.MergedJobDataMap;
        var message = new DeliverAlert(Guid.Parse(data.GetString(Alert)!), Guid.Parse(data.GetString(Subscription)!));
        // Not sent: the dispatcher's sweep finds the delivery abandoned and sends it.
        await Detection.JobFailures.RunJobAsync(throttle, log, $"Redelivering alert {message.AlertId}", () => bus.Publish(message, ct), ct);
    }
}
