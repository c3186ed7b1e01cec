using Monitor.EventStore;
using Monitor.Hosting;
using Quartz;

namespace Monitor.Alerts.Detection;

/// <summary>
/// Makes detection prompt: every append to the log fires the detection job at once, rather than at its
/// next scheduled run (which stays as the safety net). While a run is asked for and not yet begun, appends ask nothing more.
/// </summary>
public sealed class DetectOnAppend(
    IEventStore store, ISchedulerFactory schedulers, DetectionRequests requests, LogThrottle throttle, ILogger<DetectOnAppend> log)
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
                if (!first && requests.TryRequest()) await scheduler.TriggerJob(DetectChangesJob.Key, stoppingToken);
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
                requests.Clear();
                throttle.Failed(log, LogLevel.Error, $"Triggering alert detection after position {seen}", error);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
