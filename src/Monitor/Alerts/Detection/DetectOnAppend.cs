using Monitor.EventStore;
using Monitor.Hosting;
using Quartz;

namespace Monitor.Alerts.Detection;

/// <summary>
/// Makes detection prompt: every append to the log fires the detection job at once, rather than at its next scheduled
/// run (which stays as the safety net). Always through the one trigger <see cref="DetectChangesJob.Now"/>: while it waits
/// (a run asked for and not yet begun), appends ask nothing more, across servers too when the scheduler is clustered
/// (whichever server runs it reads every change up to the log's end); once its run has begun, the next append asks again.
/// Each append also lets this server's change feed drop what detection has handled, on any server.
/// </summary>
public sealed class DetectOnAppend(
    IEventStore store, DetectionCheckpoint checkpoint, ISchedulerFactory schedulers, LogThrottle throttle, ILogger<DetectOnAppend> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduler = await schedulers.GetScheduler(stoppingToken);
        long? seen = null; // the log's end when this began: what was there before is the scheduled run's
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (seen is { } last) await store.WaitForAppendAsync(last, stoppingToken);
                var head = await store.HeadPositionAsync(stoppingToken);
                if (head <= seen) continue;
                var first = seen is null;
                seen = head;
                await checkpoint.ReadAsync(stoppingToken); // runs elsewhere may have handled changes this server holds
                // A run still waiting (not begun) reads the log's end when it begins, so it covers this append too.
                var waiting = await scheduler.GetTriggerState(DetectChangesJob.Now, stoppingToken) is TriggerState.Normal or TriggerState.Blocked;
                if (!first && !waiting)
                    await scheduler.ScheduleTrigger(RunNow(), TriggerConflict.Replace, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreDamagedException)
            {
                return; // the projection stops the server and says why
            }
            catch (Exception error)
            {
                // The scheduled run still comes; say why this one did not, and keep listening.
                throttle.Failed(log, LogLevel.Error, $"Triggering alert detection after position {seen}", error);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private static ITrigger RunNow() => TriggerBuilder.Create().WithIdentity(DetectChangesJob.Now).ForJob(DetectChangesJob.Key).StartNow().Build();
}
