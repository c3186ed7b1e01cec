using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Monitor.Json;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// POSTs an alert as JSON, signed with the subscription's secret. The client follows no redirects and
/// gives up after the configured timeout; only a 2xx answer counts, and at most a short excerpt of any
/// other answer is read, for the failure message.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients)
{
    public const string ClientName = "webhooks";
    public const string SignatureHeader = "X-Monitor-Signature";
    public const string AlertIdHeader = "X-Monitor-Alert-Id";
    private const int ExcerptBytes = 512;

    public async Task SendAsync(RaisedAlert raised, Webhook hook, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(raised.Alert, MonitorJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(body, hook.Secret));
        request.Headers.Add(AlertIdHeader, raised.Alert.Id.ToString());
        var client = clients.CreateClient(ClientName);
        // The client's own timeout ends with the headers; this one also covers reading the excerpt of a refusal.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(client.Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.IsSuccessStatusCode) return;
            var status = (int)response.StatusCode;
            throw new DeliveryFailedException(status is >= 300 and < 400
                ? $"The webhook answered HTTP {status} (a redirect); redirects are not followed: subscribe with the final URL."
                : $"The webhook answered HTTP {status}: {await ExcerptAsync(response, deadline.Token)}");
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            throw new DeliveryFailedException($"Could not reach the webhook: {error.Message}", error);
        }
        catch (OperationCanceledException error) when (!ct.IsCancellationRequested)
        {
            throw new DeliveryFailedException($"The webhook did not answer within {client.Timeout.TotalSeconds:0.#} s.", error);
        }
    }

    /// <summary>The brief's signature: sha256=hex(HMAC-SHA256(secret, raw body)).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[ExcerptBytes];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(no body)" : text;
    }
}
