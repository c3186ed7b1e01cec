namespace Monitor.EventStore;

/// <summary>
/// How far a subscription that acts on the log has acted, kept beside the log so a restart goes on from there.
/// Read models need none: they are rebuilt from the log. A subscription whose actions land in the log (alert detection
/// appends alerts) saves its checkpoint after they are durable, so a lost save costs only work done again.
/// Kept in the same file or database as the log, so a backup holds both as of one moment.
/// </summary>
public interface ISubscriptionCheckpoints
{
    /// <summary>The last log position <paramref name="subscription"/> has acted on (0: none saved).</summary>
    Task<long> CheckpointOfAsync(string subscription, CancellationToken ct = default);

    /// <summary>Saves that <paramref name="subscription"/> has acted on the log up to <paramref name="position"/>; never moves it back.</summary>
    Task SaveCheckpointAsync(string subscription, long position, CancellationToken ct = default);

    /// <summary>
    /// Forgets <paramref name="subscription"/>'s checkpoint if it is past <paramref name="head"/>: the log was restored
    /// without the checkpoints saved with it, and positions it has not reached yet would be taken as handled.
    /// </summary>
    /// <returns>Whether a checkpoint was forgotten.</returns>
    Task<bool> ForgetCheckpointPastAsync(string subscription, long head, CancellationToken ct = default);
}
