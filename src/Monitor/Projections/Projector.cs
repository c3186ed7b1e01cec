using System.Diagnostics;
using Monitor.EventStore;
using Monitor.Hosting;
using Monitor.Projections.Snapshots;

namespace Monitor.Projections;

/// <summary>
/// Keeps the read models current: loaded from their snapshot when there is a good one, then a catch-up subscription to
/// the log from the read models' checkpoint.
/// A log it cannot read completely stops the server: serving part of the history as if whole is worse than not serving.
/// </summary>
public sealed class Projector(
    IEventStore store, ReadModel model, ReadModelSnapshot snapshot, IHostApplicationLifetime lifetime, LogThrottle throttle, ILogger<Projector> log)
    : BackgroundService
{
    private const long ProgressEvery = 200_000;
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the history present at start has been applied: the service is ready.</summary>
    public Task CaughtUp => _caughtUp.Task;

    /// <summary>Caught up, and not stopped by damage: after damage nothing is served, as the read models may hold part of an event.</summary>
    public bool IsReady => _caughtUp.Task.IsCompleted && Damage is null;

    /// <summary>Why the projection stopped the server; null while it runs.</summary>
    public string? Damage { get; private set; }

    /// <summary>The log position of the snapshot the read models were loaded from (0: none, rebuilt from the start).</summary>
    public long LoadedFrom { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (await snapshot.LoadAsync(stoppingToken) is { } saved)
        {
            model.Adopt(saved);
            LoadedFrom = saved.Checkpoint;
        }
        var firstDelay = TimeSpan.FromMilliseconds(200);
        var (delay, failedAt) = (firstDelay, -1L);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(started, stoppingToken);
            }
            catch (StoreDamagedException damage)
            {
                Damage = damage.Message;
                model.Stopped(damage);
                log.LogCritical("Stopping: {Damage}", damage.Message);
                lifetime.ApplicationStarted.Register(lifetime.StopApplication); // once started: a stop while starting is reported as a failed start
                return;
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                throttle.Failed(log, LogLevel.Error, $"Projecting the log after position {model.Checkpoint} (retrying)", error);
                if (model.Checkpoint != failedAt) delay = firstDelay; // it got further since the last failure: a new outage
                failedAt = model.Checkpoint;
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task CatchUpAsync(long started, CancellationToken ct)
    {
        var head = await store.HeadPositionAsync(ct);
        if (model.Checkpoint >= head) MarkReady(started);
        else model.Expect(head - model.Checkpoint);
        var nextReport = model.Checkpoint + ProgressEvery;
        await foreach (var batch in store.SubscribeDecoded(model.Checkpoint, model.Decode, ct))
        {
            model.Apply(batch);
            if (model.Checkpoint >= head) MarkReady(started);
            else if (model.Checkpoint >= nextReport)
            {
                log.LogInformation("Rebuilding read models: position {Checkpoint} of {Head}", model.Checkpoint, head);
                nextReport += ProgressEvery;
            }
        }
    }

    private void MarkReady(long started)
    {
        if (IsReady) return;
        log.LogInformation("Read models caught up at position {Checkpoint} in {ElapsedMs} ms",
            model.Checkpoint, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _caughtUp.TrySetResult();
    }
}
