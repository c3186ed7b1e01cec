using Monitor.Hosting;

namespace Monitor.Projections.Snapshots;

/// <summary>
/// Snapshots the read models in the background once they are caught up, whenever they are
/// <see cref="SnapshotOptions.EveryEvents"/> past the last snapshot (or the one they were loaded from, or the log's start):
/// a restart then applies at most about that many events, and a small log is never snapshotted, as it rebuilds at once.
/// </summary>
public sealed class Snapshotter(
    ReadModelSnapshot snapshot, ReadModel model, Projector projector, SnapshotOptions options, LogThrottle throttle, ILogger<Snapshotter> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.EveryEvents <= 0) return;
        try
        {
            await projector.CaughtUp.WaitAsync(stoppingToken);
            var saved = projector.LoadedFrom;
            while (true)
            {
                if (projector.Damage is not null) return; // the read models may hold part of the damaged event: never saved
                if (model.Checkpoint - saved >= options.EveryEvents) saved = await SaveAsync(stoppingToken);
                await Task.Delay(options.CheckInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the snapshot before this one stands.
        }
    }

    /// <returns>Where to count the next snapshot's events from.</returns>
    private async Task<long> SaveAsync(CancellationToken ct)
    {
        try
        {
            return await snapshot.SaveAsync(model, ct);
        }
        catch (Exception error) when (!ct.IsCancellationRequested)
        {
            // A full disk, or the store unreachable for the event id: the snapshot before stands. The next attempt waits
            // for as many events again, rather than holding writes up every few seconds meanwhile.
            throttle.Failed(log, LogLevel.Warning,
                $"Snapshotting the read models to {snapshot.Path} (tried again after {options.EveryEvents} more events; a start rebuilds more meanwhile)", error);
            return model.Checkpoint;
        }
    }
}

/// <summary>Monitor:Snapshots.</summary>
public sealed class SnapshotOptions
{
    /// <summary>Snapshot the read models when the log has grown by this many events since the last one (0: never).</summary>
    public int EveryEvents { get; set; } = 100_000;

    /// <summary>How often to look whether it has.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}
