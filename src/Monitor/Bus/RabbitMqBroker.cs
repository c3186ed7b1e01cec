using Monitor.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Monitor.Bus;

/// <summary>ConnectionStrings:RabbitMq read and tried once at start, so a wrong address or password refuses the start in one line.</summary>
internal sealed record RabbitMqBroker(string Host, ushort Port, string VirtualHost, string UserName, string Password, bool Tls)
{
    private const string Example = "ConnectionStrings__RabbitMq='amqp://monitor:...@localhost:5672/monitor'";

    /// <exception cref="StartRefusedException">Not set, not an amqp:// URI, or the broker refuses or cannot be reached.</exception>
    public static RabbitMqBroker Open(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new StartRefusedException("Monitor:Bus is 'rabbitmq', but ConnectionStrings:RabbitMq is not set: set it to the broker's "
                + $"amqp:// URI, e.g. {Example}, or use Monitor:Bus=inmemory.");
        }
        var factory = new ConnectionFactory { RequestedConnectionTimeout = TimeSpan.FromSeconds(10), ClientProvidedName = "monitor (start check)" };
        try
        {
            factory.Uri = new Uri(uri);
        }
        catch (Exception error) when (error is UriFormatException or ArgumentException)
        {
            throw new StartRefusedException($"ConnectionStrings:RabbitMq is not an amqp:// URI ({error.Message}): write it as {Example}.", error);
        }
        var broker = new RabbitMqBroker(factory.HostName, (ushort)factory.Port, factory.VirtualHost, factory.UserName, factory.Password,
            factory.Ssl.Enabled);
        broker.Try(factory);
        return broker;
    }

    /// <summary>The broker as messages name it: where, as whom, never the password.</summary>
    private string Where =>
        $"The RabbitMQ broker named by ConnectionStrings:RabbitMq ({Host}:{Port}, virtual host '{VirtualHost}', user '{UserName}')";

    private void Try(ConnectionFactory factory)
    {
        try
        {
            // A channel too: the broker may accept the connection and close it at once (a virtual host it does not have).
            using var connection = factory.CreateConnectionAsync().GetAwaiter().GetResult();
            using var channel = connection.CreateChannelAsync().GetAwaiter().GetResult();
        }
        catch (BrokerUnreachableException error) when (error.InnerException is AuthenticationFailureException)
        {
            throw new StartRefusedException($"{Where} refused the user: correct the user and password in ConnectionStrings:RabbitMq.", error);
        }
        catch (Exception error) when (error is RabbitMQClientException or OperationInterruptedException or IOException)
        {
            throw new StartRefusedException($"{Where} cannot be reached or refused the connection ({Innermost(error)}): start the broker, "
                + $"create the virtual host and give the user access to it, or correct ConnectionStrings:RabbitMq ({Example}).", error);
        }
    }

    private static string Innermost(Exception error) => error.InnerException is null ? error.Message : Innermost(error.InnerException);
}
