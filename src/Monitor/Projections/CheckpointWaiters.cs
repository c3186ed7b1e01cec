namespace Monitor.Projections;

/// <summary>Callers waiting for a projection to reach a log position.</summary>
internal sealed class CheckpointWaiters
{
    private readonly Lock _gate = new();
    private readonly List<(long Position, TaskCompletionSource Done)> _waiting = [];

    public Task WaitAsync(long position, Func<long> checkpoint, CancellationToken ct)
    {
        lock (_gate)
        {
            if (checkpoint() >= position) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((position, done));
            return done.Task.WaitAsync(ct);
        }
    }

    public void Reached(long checkpoint)
    {
        lock (_gate)
        {
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (_waiting[i].Position > checkpoint) continue;
                _waiting[i].Done.TrySetResult();
                _waiting.RemoveAt(i);
            }
        }
    }
}
