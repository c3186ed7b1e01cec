using Monitor.Hosting;
using Quartz;

namespace Monitor.Alerts.Detection;

/// <summary>Quartz job: look for status changes in the log. Thin: it only says "look now".</summary>
[DisallowConcurrentExecution]
public sealed class DetectChangesJob(ChangeDetection detection, LogThrottle throttle, ILogger<DetectChangesJob> log) : IJob
{
    public static readonly JobKey Key = new("detect-changes", "alerts");

    /// <summary>The run appends ask for: one trigger, so at most one such run waits (see <see cref="DetectOnAppend"/>).</summary>
    public static readonly TriggerKey Now = new("detect-now", "alerts");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        throttle.RunJobAsync(log, "Detecting status changes", () => detection.RunAsync(ct), ct);
}

/// <summary>Quartz job: time has passed; raise whatever the clock has made due.</summary>
[DisallowConcurrentExecution]
public sealed class CheckTimeJob(TimeBasedDetection detection, LogThrottle throttle, ILogger<CheckTimeJob> log) : IJob
{
    public static readonly JobKey Key = new("check-time", "alerts");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        throttle.RunJobAsync(log, "Checking the clock for alerts", () => detection.RunAsync(ct), ct);
}

internal static class JobFailures
{
    /// <summary>A failed run is said through the throttle and left to the next run (Quartz would log two stack traces each time).</summary>
    public static async ValueTask RunJobAsync(this LogThrottle throttle, ILogger log, string what, Func<Task> run, CancellationToken ct)
    {
        try
        {
            await run();
        }
        catch (Exception error) when (!ct.IsCancellationRequested)
        {
            throttle.Failed(log, LogLevel.Error, what + " (the next run tries again)", error);
        }
    }
}
