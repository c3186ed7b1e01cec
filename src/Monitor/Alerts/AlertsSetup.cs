using MassTransit;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Detection;
using Monitor.Bus;
using Monitor.Hosting;
using Monitor.Scheduling;
using Quartz;

namespace Monitor.Alerts;

/// <summary>The alerts capability's parts: detection jobs on Quartz, delivery consumers on MassTransit.</summary>
public static class AlertsSetup
{
    /// <exception cref="StartRefusedException">Monitor:Scheduler is unknown, or its database out of reach.</exception>
    public static IServiceCollection AddAlerts(this IServiceCollection services, MonitorOptions options, IConfiguration configuration)
    {
        var alerts = options.Alerts;
        services.AddSingleton<AlertRaiser>();
        services.AddSingleton<DetectionCheckpoint>();
        services.AddSingleton<ChangeDetection>();
        services.AddSingleton<TimeBasedDetection>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddSingleton<DeliveryClaims>();
        services.AddSingleton<DeliveryRetries>();
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
            quartz.Use(options.Scheduler, configuration);
            quartz.AddJob<RedeliverJob>(job => job.WithIdentity(RedeliverJob.Key).StoreDurably());
            quartz.AddJob<DetectChangesJob>(job => job.WithIdentity(DetectChangesJob.Key).StoreDurably());
            // Named triggers: servers sharing a clustered store share them, rather than each adding one of its own.
            quartz.AddTrigger(trigger => trigger.WithIdentity("detect-changes", "alerts").ForJob(DetectChangesJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(alerts.DetectionInterval).RepeatForever()));
            quartz.AddJob<CheckTimeJob>(job => job.WithIdentity(CheckTimeJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger.WithIdentity("check-time", "alerts").ForJob(CheckTimeJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(alerts.TimeCheckInterval).RepeatForever()));
        });
        services.AddQuartzHostedService(quartz => quartz.WaitForJobsToComplete = true);
        services.AddHostedService<DetectOnAppend>();
        return services;
    }

    /// <summary>
    /// Delivery consumers: a failed delivery is sent again later (<see cref="RetryDelay"/>, through <see cref="DeliveryRetries"/>)
    /// until the attempts run out. Redelivery, not in-process retry, so waiting frees the slot. Deliveries share one queue on
    /// every server; the live stream's wake-up goes to each server's own.
    /// </summary>
    public static void AddAlertConsumers(this IBusRegistrationConfigurator bus, DeliveryOptions delivery)
    {
        bus.AddConsumer<DeliverAlertConsumer>(consumer => consumer.UseConcurrentMessageLimit(delivery.Concurrency));
        bus.AddBroadcastConsumer();
    }
}
