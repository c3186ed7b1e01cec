using System.Net;
using System.Net.Sockets;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Resolves webhook hosts and keeps the addresses <see cref="WebhookTargets"/> allows: once when a subscription is
/// made, and again at every connection, on the very addresses connected to, so a name that resolves elsewhere
/// later (DNS rebinding) still reaches no private address.
/// </summary>
public sealed class WebhookAddresses(WebhookTargets targets)
{
    private static readonly TimeSpan SubscribeLookupLimit = TimeSpan.FromSeconds(3);

    /// <summary>Why a subscription may not use this URL's host, or null when it may (or its name does not resolve yet).</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(SubscribeLookupLimit);
        try
        {
            var host = url.DnsSafeHost;
            var refused = (await ResolveAsync(host, limit.Token)).FirstOrDefault(address => !targets.Allows(host, address));
            return refused is null ? null : WebhookTargets.Refusal(host, refused);
        }
        catch (Exception unresolved) when (unresolved is SocketException || unresolved is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null; // checked again at every connection
        }
    }

    /// <summary>The webhook client's ConnectCallback: connects only to an allowed address of the host.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var allowed = (await ResolveAsync(host, ct)).Where(address => targets.Allows(host, address)).ToArray();
        if (allowed.Length == 0)
            throw new DeliveryFailedException(DeliveryError.RefusedAddress, $"Refused to connect to {host}: it has no public address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
}
