using Monitor.EventStore;

namespace Monitor.Hosting;

/// <summary>
/// Says a repeated failure once a minute, with how often it happened, instead of a line (and a stack trace)
/// each time: a full disk under load must not bury the log, nor fill the disk it is written to.
/// </summary>
public sealed class LogThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const int Remembered = 1_024;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Said, int Since)> _failures = new(StringComparer.Ordinal);

    /// <param name="failure">What identifies identical failures, e.g. the exception's type and message.</param>
    /// <param name="times">When true: how often it happened since it was last said, this time included.</param>
    /// <returns>True the first time, then once per <see cref="Interval"/>.</returns>
    public bool ShouldLog(string failure, out int times)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var known = _failures.TryGetValue(failure, out var seen);
            if (known && now - seen.Said < Interval)
            {
                _failures[failure] = (seen.Said, seen.Since + 1);
                times = 0;
                return false;
            }
            if (!known && _failures.Count >= Remembered) Forget(now);
            _failures[failure] = (now, 0);
            times = seen.Since + 1;
            return true;
        }
    }

    /// <summary>
    /// Logs that <paramref name="what"/> failed, unless the same failure was said within the interval. The stack
    /// trace comes the first time only, and never for a store that is full, busy or damaged: its message says all.
    /// </summary>
    public void Failed(ILogger log, LogLevel level, string what, Exception error)
    {
        if (!ShouldLog($"{what}|{error.GetType()}|{error.Message}", out var times)) return;
        var traced = times == 1 && error is not (StoreUnavailableException or StoreDamagedException);
        log.Log(level, traced ? error : null, "{What} failed ({Times}× since last said): {Error}", what, times, error.Message);
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var failure in _failures.Where(f => now - f.Value.Said >= Interval).Select(f => f.Key).ToList()) _failures.Remove(failure);
    }
}
