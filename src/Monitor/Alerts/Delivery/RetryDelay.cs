using Monitor.Hosting;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// How long a failed delivery waits before its next attempt: a step that doubles from FirstRetryDelay up to
/// MaxRetryDelay, of which a random part between half and all is waited, so that deliveries which failed
/// together (a receiver was down) do not all come back at the same moment.
/// </summary>
public static class RetryDelay
{
    /// <param name="failedAttempt">The attempt that just failed, counted from 1.</param>
    /// <param name="random">A number in [0, 1): where in the step's second half the wait falls.</param>
    public static TimeSpan After(int failedAttempt, DeliveryOptions options, double random)
    {
        var step = Math.Min(options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, failedAttempt - 1), options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(step * (0.5 + random / 2));
    }
}
