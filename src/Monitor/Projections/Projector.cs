using System.Diagnostics;
using Monitor.EventStore;

namespace Monitor.Projections;

/// <summary>Keeps the read models current: a catch-up subscription to the whole log from the read models' checkpoint.</summary>
public sealed class Projector(IEventStore store, ReadModel model, ILogger<Projector> log) : BackgroundService
{
    private const long ProgressEvery = 200_000;
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the history present at start has been applied: the service is ready.</summary>
    public Task CaughtUp => _caughtUp.Task;

    public bool IsReady => _caughtUp.Task.IsCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(error, "Projection stopped at position {Checkpoint}; retrying in {Delay}", model.Checkpoint, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var head = await store.HeadPositionAsync(ct);
        if (model.Checkpoint >= head) MarkReady(started);
        var nextReport = model.Checkpoint + ProgressEvery;
        await foreach (var batch in store.SubscribeToAll(model.Checkpoint, ct))
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
