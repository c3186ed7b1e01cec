using Monitor.EventStore;
using Monitor.Projections;

namespace Monitor.Alerts.Detection;

/// <summary>
/// How far alert detection has got: a log position saved beside the log, shared by every server on it. This server's
/// change feed lets go of every change up to it, so after a restart the rebuilt read models keep none of the changes
/// detection handled before.
/// </summary>
public sealed class DetectionCheckpoint(
    ISubscriptionCheckpoints checkpoints, IEventStore store, ReadModel model, ILogger<DetectionCheckpoint> log)
{
    /// <summary>The checkpoint's name beside the log.</summary>
    public const string Subscription = "alert-detection";

    // Once per process, until it succeeds: the log cannot be restored under a running server (the data folder is locked).
    // The first readers (the first scheduled run and the append trigger, at start) take turns, so none of them uses the
    // checkpoint as read before the check has forgotten it.
    private readonly SemaphoreSlim _checking = new(1, 1);
    private volatile bool _checkedAgainstLog;

    /// <summary>Reads the saved checkpoint, wherever detection last ran, and lets the feed go up to it.</summary>
    /// <returns>The saved checkpoint.</returns>
    public async Task<long> ReadAsync(CancellationToken ct)
    {
        var handled = _checkedAgainstLog ? await checkpoints.CheckpointOfAsync(Subscription, ct) : await ReadCheckedAsync(ct);
        model.Changes.Handled(handled);
        return handled;
    }

    private async Task<long> ReadCheckedAsync(CancellationToken ct)
    {
        await _checking.WaitAsync(ct);
        try
        {
            var handled = await checkpoints.CheckpointOfAsync(Subscription, ct);
            if (_checkedAgainstLog) return handled;
            handled = await CheckAgainstLogAsync(handled, ct);
            _checkedAgainstLog = true;
            return handled;
        }
        finally
        {
            _checking.Release();
        }
    }

    /// <summary>Saves that detection has handled every change up to <paramref name="position"/>, and lets them go.</summary>
    public async Task SaveAsync(long position, CancellationToken ct)
    {
        await checkpoints.SaveCheckpointAsync(Subscription, position, ct);
        model.Changes.Handled(position);
    }

    /// <summary>
    /// A checkpoint past the log's head means the log was restored without it: the changes the log will now record
    /// at those positions would be taken as handled, and alert no one. It is forgotten, so detection goes over the
    /// whole history once; an alert already raised has the id it would be raised with again, so none is raised twice.
    /// </summary>
    private async Task<long> CheckAgainstLogAsync(long handled, CancellationToken ct)
    {
        // Read after the checkpoint: a checkpoint is saved only for positions already in the log, so a head read later
        // is never behind it unless the log went back.
        var head = await store.HeadPositionAsync(ct);
        if (handled <= head) return handled;
        // Not forgotten here: another server on the same database forgot it first, and said so.
        if (!await checkpoints.ForgetCheckpointPastAsync(Subscription, head, ct)) return 0;
        log.LogWarning("Alert detection's checkpoint ({Checkpoint}) is past the log's head ({Head}): the log was restored "
            + "without it. Detection goes over the whole history again; alerts already raised are not raised twice.",
            handled, head);
        return 0;
    }
}
