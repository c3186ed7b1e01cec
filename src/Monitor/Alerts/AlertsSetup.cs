using MassTransit;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Detection;
using Monitor.Hosting;
using Quartz;

namespace Monitor.Alerts;

/// <summary>The alerts capability's parts: detection jobs on Quartz, delivery consumers on MassTransit.</summary>
public static class AlertsSetup
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, MonitorOptions options)
    {
        var alerts = options.Alerts;
        services.AddSingleton<AlertRaiser>();
        services.AddSingleton<ChangeDetection>();
        services.AddSingleton<DetectionRequests>();
        services.AddSingleton<TimeBasedDetection>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddSingleton<AlertBroadcast>();
        services.AddSingleton(new WebhookTargets(alerts.Webhooks.AllowPrivateNetworks, alerts.Webhooks.AllowedHosts));
        services.AddSingleton<WebhookAddresses>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<EmailSender>();
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = alerts.Delivery.WebhookTimeout)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false, // a proxy would connect on our behalf, to addresses the callback never sees
                ConnectCallback = services.GetRequiredService<WebhookAddresses>().ConnectAsync,
            })
            .RemoveAllLoggers(); // request logs would print webhook URLs at every retry; the consumer logs what matters

        services.AddQuartz(quartz =>
        {
            quartz.AddJob<DetectChangesJob>(job => job.WithIdentity(DetectChangesJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(DetectChangesJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(alerts.DetectionInterval).RepeatForever()));
            quartz.AddJob<CheckTimeJob>(job => job.WithIdentity(CheckTimeJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(CheckTimeJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(alerts.TimeCheckInterval).RepeatForever()));
        });
        services.AddQuartzHostedService(quartz => quartz.WaitForJobsToComplete = true);
        services.AddHostedService<DetectOnAppend>();
        return services;
    }

    /// <summary>
    /// Delivery consumers: a failed delivery is redelivered later (<see cref="RetryDelay"/>) until the attempts run
    /// out. Redelivery, not in-process retry, so waiting frees the slot; the consumer schedules it itself, because it
    /// records when the next attempt is due. The bus needs a message scheduler for it (<see cref="UseAlertScheduling"/>).
    /// </summary>
    public static void AddAlertConsumers(this IBusRegistrationConfigurator bus, DeliveryOptions delivery)
    {
        bus.AddDelayedMessageScheduler();
        bus.AddConsumer<DeliverAlertConsumer>(consumer => consumer.UseConcurrentMessageLimit(delivery.Concurrency));
        bus.AddConsumer<BroadcastAlertConsumer>();
    }

    public static void UseAlertScheduling(this IBusFactoryConfigurator bus) => bus.UseDelayedMessageScheduler();
}
