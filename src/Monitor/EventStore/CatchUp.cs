using System.Runtime.CompilerServices;

namespace Monitor.EventStore;

public static class CatchUp
{
    public const int BatchSize = 4_096;

    /// <summary>
    /// Every event after <paramref name="checkpoint"/>, then each new one as it is committed, in global
    /// order: EventStoreDB's catch-up subscription to $all, in batches so a rebuild reads in bulk.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<RecordedEvent>> SubscribeToAll(
        this IEventStore store, long checkpoint, [EnumeratorCancellation] CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var batch = await store.ReadAllAsync(checkpoint, BatchSize, ct);
            if (batch.Count == 0)
            {
                await store.WaitForAppendAsync(checkpoint, ct);
                continue;
            }
            checkpoint = batch[^1].Position;
            yield return batch;
        }
    }
}
