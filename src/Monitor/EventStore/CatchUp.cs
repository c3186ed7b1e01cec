using System.Runtime.CompilerServices;

namespace Monitor.EventStore;

public static class CatchUp
{
    // Small enough that the events a rebuild holds decoded and waiting (see ReadAhead) die young: with 4,096 a batch
    // outlived the collections made while it waited, and was copied into older generations for nothing. A rebuild of
    // 1M events took 13.1-14.4 s with 4,096 and four batches ahead, 10.4-11.5 s with 512 and two (collector pauses
    // 2.9 s against 1.4 s). Live, a batch is what was committed since the last read, far fewer.
    public const int BatchSize = 512;

    /// <summary>
    /// Every event after <paramref name="checkpoint"/>, then each new one as it is committed, in global
    /// order: EventStoreDB's catch-up subscription to $all, in batches so a rebuild reads in bulk.
    /// </summary>
    public static IAsyncEnumerable<IReadOnlyList<RecordedEvent>> SubscribeToAll(this IEventStore store, long checkpoint, CancellationToken ct) =>
        Follow(store, checkpoint, store.ReadAllAsync, e => e.Position, ct);

    /// <summary>The same events, each as <paramref name="decode"/> makes it from the store's buffer (see <see cref="IEventStore.ReadAllDecodedAsync"/>).</summary>
    /// <param name="positionOf">Where a decoded event stands in the log: the next batch is read after the last.</param>
    public static IAsyncEnumerable<IReadOnlyList<T>> SubscribeToAll<T>(this IEventStore store, long checkpoint, EventDecoder<T> decode,
        Func<T, long> positionOf, CancellationToken ct) =>
        Follow(store, checkpoint, (from, max, ct) => store.ReadAllDecodedAsync(from, max, decode, ct), positionOf, ct);

    private static async IAsyncEnumerable<IReadOnlyList<T>> Follow<T>(IEventStore store, long checkpoint,
        Func<long, int, CancellationToken, Task<IReadOnlyList<T>>> read, Func<T, long> positionOf, [EnumeratorCancellation] CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var batch = await read(checkpoint, BatchSize, ct);
            if (batch.Count == 0)
            {
                await store.WaitForAppendAsync(checkpoint, ct);
                continue;
            }
            checkpoint = positionOf(batch[^1]);
            yield return batch;
        }
    }
}
