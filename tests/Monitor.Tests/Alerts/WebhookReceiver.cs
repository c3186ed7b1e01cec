using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Tests.Alerts;

/// <summary>
/// A real HTTP receiver on a loopback port. Each request is recorded with its verified signature; what it
/// answers is scripted per request number (1-based): a status code, or hanging until the client gives up.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const int Hang = -1;

    /// <summary>Answers 500 with a body it starts and never finishes.</summary>
    public const int StallBody = -2;
    private readonly WebApplication _app;
    private readonly string _secret;
    private int _count;

    private WebhookReceiver(WebApplication app, string secret) => (_app, _secret) = (app, secret);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>What to answer the n-th request (1-based); 200 unless told otherwise.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    /// <summary>The body of every answer that is not a hang: an internal service's error page, say.</summary>
    public string? Body { get; set; }

    public string Url { get; private set; } = "";

    public IEnumerable<Received> Accepted => Requests.Where(r => r.Status is >= 200 and < 300);

    public static async Task<WebhookReceiver> StartAsync(string secret = "receiver-secret")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    public string Secret => _secret;

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), body));
        var status = Answer(Interlocked.Increment(ref _count));
        var json = JsonDocument.Parse(body).RootElement.Clone();
        var received = new Received(json, http.Request.Headers["X-Monitor-Signature"].ToString() == expected,
            http.Request.Headers["X-Monitor-Alert-Id"].ToString(), status);
        Requests.Enqueue(received);
        if (status is Hang or StallBody)
        {
            if (status == StallBody)
            {
                http.Response.StatusCode = 500;
                http.Response.ContentLength = 100;
                await http.Response.Body.WriteAsync("{\""u8.ToArray());
                await http.Response.Body.FlushAsync();
            }
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
            return;
        }
        http.Response.StatusCode = status;
        if (Body is not null) await http.Response.WriteAsync(Body);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Received(JsonElement Body, bool SignatureValid, string AlertIdHeader, int Status)
    {
        public string Id => Body.GetProperty("id").GetString()!;
        public string? Text(string name) => Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
