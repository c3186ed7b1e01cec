namespace Monitor.Alerts.Detection;

/// <summary>
/// At most one detection run waiting: appends that arrive while one is already asked for add nothing to it, since a
/// run reads every change up to the log's end when it starts. A burst of a thousand appends costs a few runs.
/// </summary>
public sealed class DetectionRequests
{
    private int _waiting;

    /// <summary>True when no run was waiting, and the caller should ask for one.</summary>
    public bool TryRequest() => Interlocked.Exchange(ref _waiting, 1) == 0;

    /// <summary>A run has begun (or the request could not be made): the next append asks again.</summary>
    public void Clear() => Volatile.Write(ref _waiting, 0);
}
