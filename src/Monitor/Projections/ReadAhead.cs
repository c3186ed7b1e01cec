using System.Runtime;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Monitor.EventStore;

namespace Monitor.Projections;

public static class ReadAhead
{
    // Enough to keep the applying thread fed; more only keeps more of the decoded events alive (see CatchUp.BatchSize).
    private const int BatchesAhead = 2;

    // Reading and decoding a batch costs about as much as applying it: with one reader, a rebuild's reading thread set the
    // pace and the applying one waited on it. Two share the decoding, and whichever core is free takes it up.
    private const int Readers = 2;

    /// <summary>
    /// The collector in batch mode while the log is read in turns: no background collections, whose concurrent marking and
    /// tracking of writes took a process's first rebuild of 1M events 0.3-0.7 s longer (5.9-6.5 s against 5.6-5.9 s) and
    /// 1 s more processor time. A server answers 503 until its read models have caught up, so throughput counts then,
    /// not pauses; the mode is put back for serving.
    /// </summary>
    private static readonly HeldSetting<GCLatencyMode> Collector =
        new(() => GCSettings.LatencyMode, mode => GCSettings.LatencyMode = mode, GCLatencyMode.Batch);

    /// <summary>
    /// The catch-up subscription, decoded: the next batches are read and decoded on other threads while the caller
    /// applies this one, so a rebuild keeps every core busy. The log up to its head as this starts is read by
    /// <see cref="Readers"/> readers taking turns, a batch each (<see cref="ReadInTurns"/>); what comes after, by one
    /// reader following the log. Errors reach the caller in order, after the batches before them.
    /// </summary>
    /// <param name="decode">How each event is decoded, on a reading thread (<see cref="ReadModel.Decode"/>): on several at once.</param>
    public static async IAsyncEnumerable<IReadOnlyList<DecodedEvent>> SubscribeDecoded(
        this IEventStore store, long checkpoint, EventDecoder<DecodedEvent> decode, [EnumeratorCancellation] CancellationToken ct)
    {
        var head = await store.HeadPositionAsync(ct);
        await foreach (var batch in ReadInTurns(store, checkpoint, head, decode, ct))
        {
            checkpoint = batch[^1].Recorded.Position;
            yield return batch;
        }
        await foreach (var batch in Ahead(stop => store.SubscribeToAll(checkpoint, decode, e => e.Recorded.Position, stop), ct))
            yield return batch;
    }

    /// <summary>
    /// The events after <paramref name="checkpoint"/> up to <paramref name="head"/>, in batches in log order, each read and
    /// decoded by one of <see cref="Readers"/> readers in turn. Positions follow one another with no gap (the read models
    /// stop at one), so each reader knows where its batches start: batch k starts after checkpoint + k × the batch size.
    /// </summary>
    private static async IAsyncEnumerable<IReadOnlyList<DecodedEvent>> ReadInTurns(IEventStore store, long checkpoint, long head,
        EventDecoder<DecodedEvent> decode, [EnumeratorCancellation] CancellationToken ct)
    {
        var batches = (head - checkpoint + CatchUp.BatchSize - 1) / CatchUp.BatchSize;
        if (batches <= 0) yield break;
        var readers = (int)Math.Min(Readers, batches);
        using var batchCollection = Collector.Begin();
        var turns = new IAsyncEnumerator<IReadOnlyList<DecodedEvent>>[readers];
        for (var r = 0; r < readers; r++)
        {
            var first = r;
            turns[r] = Ahead(stop => Batches(store, checkpoint, head, first, readers, decode, stop), ct).GetAsyncEnumerator(ct);
        }
        try
        {
            for (var k = 0L; k < batches; k++)
            {
                var turn = turns[k % readers];
                if (!await turn.MoveNextAsync()) yield break; // the log ended before its head: the follower reads on from there
                yield return turn.Current;
                if (turn.Current.Count < CatchUp.BatchSize) yield break;
            }
        }
        finally
        {
            foreach (var turn in turns) await turn.DisposeAsync();
        }
    }

    /// <summary>Batches <paramref name="first"/>, <paramref name="first"/> + <paramref name="every"/>, … of those up to <paramref name="head"/>.</summary>
    private static async IAsyncEnumerable<IReadOnlyList<DecodedEvent>> Batches(IEventStore store, long checkpoint, long head, int first,
        int every, EventDecoder<DecodedEvent> decode, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var from = checkpoint + (long)first * CatchUp.BatchSize; from < head; from += (long)every * CatchUp.BatchSize)
        {
            var batch = await store.ReadAllDecodedAsync(from, CatchUp.BatchSize, decode, ct);
            if (batch.Count > 0) yield return batch;
            if (batch.Count < CatchUp.BatchSize) yield break;
        }
    }

    /// <summary>What <paramref name="read"/> yields, read on another thread up to <see cref="BatchesAhead"/> batches ahead of the caller.</summary>
    private static async IAsyncEnumerable<T> Ahead<T>(Func<CancellationToken, IAsyncEnumerable<T>> read,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var ahead = Channel.CreateBounded<T>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in read(stop.Token)) await ahead.Writer.WriteAsync(batch, stop.Token);
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
