namespace Monitor.Projections;

/// <summary>Callers waiting for a projection to reach a log position.</summary>
internal sealed class CheckpointWaiters
{
    private readonly Lock _gate = new();
    private readonly List<(long Position, TaskCompletionSource Done)> _waiting = [];
    private Exception? _stopped;

    public Task WaitAsync(long position, Func<long> checkpoint, CancellationToken ct)
    {
        lock (_gate)
        {
            if (checkpoint() >= position) return Task.CompletedTask;
            if (_stopped is not null) return Task.FromException(_stopped);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((position, done));
            return done.Task.WaitAsync(ct);
        }
    }

    /// <summary>The projection has stopped for good: every caller waiting for a position it has not reached, now or later, is told why.</summary>
    public void Stopped(Exception why)
    {
        lock (_gate)
        {
            _stopped = why;
            foreach (var (_, done) in _waiting) done.TrySetException(why);
            _waiting.Clear();
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
