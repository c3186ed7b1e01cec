using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Hosting;

namespace Monitor.Seeding;

/// <summary>Loads the seed timeline into an empty store before the read models start.</summary>
public sealed class SeedOnFirstStart(IServiceProvider services, string? seedPath) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
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

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
