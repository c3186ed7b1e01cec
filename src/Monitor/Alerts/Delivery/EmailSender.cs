using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Monitor.Hosting;
using Monitor.Projections;

namespace Monitor.Alerts.Delivery;

/// <summary>Sends an alert (or the digest) as a plain-text and HTML e-mail through the configured SMTP server.</summary>
public sealed class EmailSender(ReadModel model, IOptions<MonitorOptions> options)
{
    public async Task SendAsync(RaisedAlert raised, Subscription subscription, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        var message = Compose(raised, subscription, MailboxAddress.Parse(smtp.From));
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp.Security), ct);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception error) when (error is IOException or SocketException or SmtpCommandException or SmtpProtocolException
                                          or AuthenticationException or SslHandshakeException or ServiceNotConnectedException
                                      || error is OperationCanceledException && !ct.IsCancellationRequested)
        {
            var category = error switch
            {
                SmtpCommandException refused => $"smtp-{(int)refused.StatusCode}",
                AuthenticationException => "smtp-authentication",
                SslHandshakeException => DeliveryError.Tls,
                OperationCanceledException => DeliveryError.Timeout,
                _ => DeliveryError.OfNetwork(error),
            };
            throw new DeliveryFailedException(category,
                $"The mail server {smtp.Host}:{smtp.Port} did not take the message: {error.Message}", error);
        }
    }

    private MimeMessage Compose(RaisedAlert raised, Subscription subscription, MailboxAddress from)
    {
        var alert = raised.Alert;
        var recent = alert is Alert.Digest
            ? model.Read(m => m.Alerts.Latest.TakeWhile(a => a.RaisedAt > raised.RaisedAt.AddDays(-1)).Select(a => a.Alert)
                .OfType<Alert.StatusChanged>().Where(a => subscription.Channels.Contains(a.Channel)).Reverse().ToList())
            : [];
        var text = AlertText.Of(alert, model.Board.Catalog, subscription, recent);
        var message = new MimeMessage { Subject = text.Subject };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(subscription.Email!));
        // One Message-Id per alert and subscriber: a mail system that sees it twice (a retry after a crash) can drop the copy.
        message.MessageId = $"{alert.Id:N}.{subscription.Id:N}@monitor";
        message.Headers.Add(WebhookSender.AlertIdHeader, alert.Id.ToString());
        message.Body = new BodyBuilder { TextBody = text.PlainText(), HtmlBody = text.Html() }.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions Security(string name) => name.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        "auto" => SecureSocketOptions.Auto,
        _ => throw new DeliveryFailedException("smtp-configuration", $"Monitor:Smtp:Security '{name}' is not one of none, starttls, ssl, auto."),
    };
}
