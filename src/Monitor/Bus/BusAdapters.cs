using MassTransit;
using Monitor.Alerts;
using Monitor.Hosting;

namespace Monitor.Bus;

/// <summary>
/// The transport Monitor:Bus names: MassTransit's in-memory bus (one server), or RabbitMQ (ConnectionStrings:RabbitMq),
/// where every server consumes deliveries from the same durable queue, so each message goes to one of them.
/// </summary>
internal static class BusAdapters
{
    /// <summary>
    /// Builds MassTransit's static state (its serializer's options, the message topology) on a thread of its own. The
    /// bus's configuration builds it otherwise, on the thread a start waits for: over a quarter of the host's build in a
    /// profile of a restart. Begun as `serve` starts, it runs while that thread reads the settings and builds the host.
    /// </summary>
    public static void PrepareInBackground() => _ = Task.Run(() =>
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(MassTransit.Serialization.SystemTextJsonMessageSerializer).TypeHandle);
        _ = GlobalTopology.Send;
    });

    /// <exception cref="StartRefusedException">The bus is unknown, or the broker not named, misnamed or out of reach.</exception>
    public static void Use(this IBusRegistrationConfigurator bus, string name, IConfiguration configuration)
    {
        switch (name)
        {
            case "inmemory":
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                return;
            case "rabbitmq":
                var broker = RabbitMqBroker.Open(configuration.GetConnectionString("RabbitMq"));
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                    {
                        host.Username(broker.UserName);
                        host.Password(broker.Password);
                        host.PublisherConfirmation = true; // a publish returns once the broker has the message
                        if (broker.Tls) host.UseSsl(_ => { });
                    });
                    cfg.ConfigureEndpoints(context); // durable queues, named after the consumers: the same on every server
                });
                return;
            default:
                throw new StartRefusedException($"Monitor:Bus '{name}' is not a bus this program has: use 'inmemory' (one server) "
                    + "or 'rabbitmq' (the broker named by ConnectionStrings:RabbitMq).");
        }
    }

    /// <summary>The consumer every server needs a copy of the messages for: its own queue, deleted when the server stops.</summary>
    public static void AddBroadcastConsumer(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<Alerts.Delivery.BroadcastAlertConsumer>().Endpoint(e =>
        {
            e.Temporary = true;
            e.InstanceId = Guid.NewGuid().ToString("N")[..12];
        });
}
