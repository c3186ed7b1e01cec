namespace Monitor.Projections;

/// <summary>
/// A wake-up for listeners of something that moves on (alerts raised, developments recorded). Only a wake-up:
/// each listener then reads what it has not seen yet, so a missed or doubled notice changes nothing.
/// </summary>
public class Signal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next notice. Take it before reading, so a notice in between still wakes you.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
