using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Monitor.EventStore;

namespace Monitor.Projections;

public static class ReadAhead
{
    // Enough to keep the applying thread fed; more only keeps more of the decoded events alive (see CatchUp.BatchSize).
    private const int BatchesAhead = 2;

    /// <summary>
    /// The catch-up subscription, decoded: the next batches are read and decoded on another thread while the caller
    /// applies this one, so a rebuild keeps both cores busy. Errors reach the caller in order, after the batches before them.
    /// </summary>
    /// <param name="decode">How each event is decoded, on the reading thread (<see cref="ReadModel.Decode"/>).</param>
    public static async IAsyncEnumerable<IReadOnlyList<DecodedEvent>> SubscribeDecoded(
        this IEventStore store, long checkpoint, EventDecoder<DecodedEvent> decode, [EnumeratorCancellation] CancellationToken ct)
    {
        var ahead = Channel.CreateBounded<IReadOnlyList<DecodedEvent>>(
            new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in store.SubscribeToAll(checkpoint, decode, e => e.Recorded.Position, stop.Token))
                    await ahead.Writer.WriteAsync(batch, stop.Token);
                ahead.Writer.TryComplete();
            }
            catch (Exception error)
            {
                ahead.Writer.TryComplete(error);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in ahead.Reader.ReadAllAsync(ct)) yield return batch;
        }
        finally
        {
            await stop.CancelAsync();
            await reading; // never throws: its errors went into the channel
        }
    }
}
