using Quartz;

namespace Monitor.Alerts.Detection;

/// <summary>Quartz job: look for status changes in the log. Thin: it only says "look now".</summary>
[DisallowConcurrentExecution]
public sealed class DetectChangesJob(ChangeDetection detection) : IJob
{
    public static readonly JobKey Key = new("detect-changes", "alerts");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => new(detection.RunAsync(ct));
}

/// <summary>Quartz job: time has passed; raise whatever the clock has made due.</summary>
[DisallowConcurrentExecution]
public sealed class CheckTimeJob(TimeBasedDetection detection) : IJob
{
    public static readonly JobKey Key = new("check-time", "alerts");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => new(detection.RunAsync(ct));
}
