using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Hosting;

namespace Monitor.Seeding;

/// <summary>
/// Loads the seed timeline into an empty store before anything else starts: the host starts its services side by side,
/// but only once every one's <see cref="StartingAsync"/> is done, so the read models, alert detection and the web server
/// all begin on the seeded log.
/// </summary>
public sealed class SeedOnFirstStart(IServiceProvider services, string? seedPath) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(seedPath)) return;
        var log = services.GetRequiredService<ILogger<SeedOnFirstStart>>();
        if (!File.Exists(seedPath))
        {
            log.LogWarning("No seed timeline at {Path}: starting without history. Set Monitor:SeedPath to load one", seedPath);
            return;
        }
        await SeedTimeline.LoadOnceAsync(services.GetRequiredService<IEventStore>(), seedPath,
            services.GetRequiredService<ChannelCatalog>(), services.GetRequiredService<TimeProvider>().Today(), log, ct);
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
