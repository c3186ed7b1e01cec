namespace Monitor.EventStore;

/// <summary>Wakes catch-up readers when the writer has committed: no polling delay between an append and its projection.</summary>
public sealed class AppendSignal
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(1);
    private TaskCompletionSource _next = NewSource();
    private long _position;

    public void Committed(long position)
    {
        Volatile.Write(ref _position, position);
        Interlocked.Exchange(ref _next, NewSource()).TrySetResult();
    }

    /// <summary>Returns once a position past <paramref name="position"/> is committed, or after a second in any case.</summary>
    public async Task WaitAsync(long position, CancellationToken ct)
    {
        var next = Volatile.Read(ref _next);
        if (Volatile.Read(ref _position) > position) return;
        try
        {
            await next.Task.WaitAsync(SafetyNet, ct);
        }
        catch (TimeoutException)
        {
            // A writer in another process does not signal us: the caller re-reads anyway.
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
