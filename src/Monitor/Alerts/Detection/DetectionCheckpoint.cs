using Monitor.EventStore;
using Monitor.Projections;

namespace Monitor.Alerts.Detection;

/// <summary>
/// How far alert detection has got: a log position saved beside the log, shared by every server on it. This server's
/// change feed lets go of every change up to it, so after a restart the rebuilt read models keep none of the changes
/// detection handled before.
/// </summary>
public sealed class DetectionCheckpoint(ISubscriptionCheckpoints checkpoints, ReadModel model)
{
    /// <summary>The checkpoint's name beside the log.</summary>
    public const string Subscription = "alert-detection";

    /// <summary>Reads the saved checkpoint, wherever detection last ran, and lets the feed go up to it.</summary>
    /// <returns>The saved checkpoint.</returns>
    public async Task<long> ReadAsync(CancellationToken ct)
    {
        var handled = await checkpoints.CheckpointOfAsync(Subscription, ct);
        model.Changes.Handled(handled);
        return handled;
    }

    /// <summary>Saves that detection has handled every change up to <paramref name="position"/>, and lets them go.</summary>
    public async Task SaveAsync(long position, CancellationToken ct)
    {
        await checkpoints.SaveCheckpointAsync(Subscription, position, ct);
        model.Changes.Handled(position);
    }
}
