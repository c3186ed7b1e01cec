using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Monitor.Json;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// POSTs an alert as JSON, signed with the subscription's secret. The client follows no redirects, connects
/// only to addresses <see cref="WebhookAddresses"/> allows and gives up after the configured timeout; only a
/// 2xx answer counts, and the body of any other is never read.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients)
{
    public const string ClientName = "webhooks";
    public const string SignatureHeader = "X-Monitor-Signature";
    public const string AlertIdHeader = "X-Monitor-Alert-Id";

    public async Task SendAsync(RaisedAlert raised, Webhook hook, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(AlertJson.Of(raised), MonitorJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(body, hook.Secret));
        request.Headers.Add(AlertIdHeader, raised.Alert.Id.ToString());
        var client = clients.CreateClient(ClientName);
        // Logs name the host only: a webhook's path and query may hold a token of the receiver's.
        var host = request.RequestUri!.Host;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.IsSuccessStatusCode) return;
            var status = (int)response.StatusCode;
            throw new DeliveryFailedException(DeliveryError.Http(status), status is >= 300 and < 400
                ? $"The webhook at {host} answered HTTP {status} (a redirect); redirects are not followed: subscribe with the final URL."
                : $"The webhook at {host} answered HTTP {status}.");
        }
        catch (HttpRequestException error) when (error.InnerException is DeliveryFailedException refused)
        {
            ExceptionDispatchInfo.Throw(refused);
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            throw new DeliveryFailedException(DeliveryError.OfNetwork(error), $"Could not reach the webhook at {host}: {error.Message}",
                error);
        }
        catch (OperationCanceledException error) when (!ct.IsCancellationRequested)
        {
            throw new DeliveryFailedException(DeliveryError.Timeout,
                $"The webhook at {host} did not answer within {client.Timeout.TotalSeconds:0.#} s.", error);
        }
    }

    /// <summary>The brief's signature: sha256=hex(HMAC-SHA256(secret, raw body)).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
