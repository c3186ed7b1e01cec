using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Hosting;

namespace Monitor.Tests.Api;

/// <summary>
/// The real server, on Kestrel at a free loopback port, over a SQLite file in a fresh folder (or the one
/// given, to restart over the same log), seeded. Extra settings go in as configuration; overrides replace
/// services (a controllable clock).
/// </summary>
public sealed class MonitorHost(string? dataDirectory = null, IEnumerable<string>? settings = null, Action<IServiceCollection>? overrides = null)
    : IAsyncLifetime, IAsyncDisposable
{
    public const string AnalystKey = "test-analyst-key";
    private readonly TempFolder? _ownData = dataDirectory is null ? new TempFolder() : null;
    private WebApplication? _app;

    public IServiceProvider Services => _app!.Services;

    public HttpClient Reader { get; private set; } = null!;
    public HttpClient Analyst { get; private set; } = null!;

    /// <summary>A started server, for `await using` in a test of its own.</summary>
    public static async Task<MonitorHost> StartAsync(string? dataDirectory = null, IEnumerable<string>? settings = null)
    {
        var host = new MonitorHost(dataDirectory, settings);
        await host.InitializeAsync();
        return host;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task InitializeAsync()
    {
        _app = MonitorServer.Build(["--urls", "http://127.0.0.1:0", "--Monitor:DataDirectory=" + (dataDirectory ?? _ownData!.Path),
            "--Monitor:Auth:AnalystKeys:0=" + AnalystKey, "--Logging:LogLevel:Default=Warning", .. settings?.Select(s => "--" + s) ?? []], overrides);
        await _app.StartAsync();
        await _app.Services.GetRequiredService<Monitor.Projections.Projector>().CaughtUp;
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Reader = new HttpClient { BaseAddress = new Uri(address) };
        Analyst = new HttpClient { BaseAddress = new Uri(address) };
        Analyst.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AnalystKey);
    }

    public async Task DisposeAsync()
    {
        Reader.Dispose();
        Analyst.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _ownData?.Dispose();
    }
}
