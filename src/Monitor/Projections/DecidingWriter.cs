using Monitor.EventStore;

namespace Monitor.Projections;

/// <summary>
/// Carries out commands against one stream: decide against the read model, append expecting the stream
/// revision the decision saw, which the writer reads itself in the same view (so a concurrent writer anywhere
/// makes us decide again), and return once the read models show the write. No wait is unbounded: past
/// <see cref="Patience"/> the caller is told to retry.
/// </summary>
public sealed class DecidingWriter(IEventStore store, ReadModel model)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    internal const int Attempts = 8; // the waits between them add up to 1.3 s at most
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <param name="decide">The outcome, and the event to append, if any.</param>
    /// <returns>The outcome, and where the event landed (null when nothing was written).</returns>
    /// <exception cref="StoreUnavailableException">The store or the read models kept this write waiting too long.</exception>
    public async Task<(T Outcome, long? Position)> WriteAsync<T>(
        string stream, Func<ReadModel, (T Outcome, EventData? Event)> decide, CancellationToken ct)
    {
        if (!await _oneAtATime.WaitAsync(Patience, ct))
            throw new StoreUnavailableException($"Earlier writes have kept this one waiting for {Patience.TotalSeconds:0} s: retry shortly.", Patience);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var (outcome, revision, e) = model.Read(m => decide(m) is var (o, decided) ? (o, m.RevisionOf(stream), decided) : default);
                if (e is null) return (outcome, null);
                try
                {
                    var expected = revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.At(revision);
                    var result = await store.AppendAsync(stream, expected, [e], CancellationToken.None);
                    await model.ReachAsync(result.Position, Patience,
                        $"The write was recorded at log position {result.Position}, but the read models have not shown it within "
                        + $"{Patience.TotalSeconds:0} s: read it back shortly rather than sending it again.", CancellationToken.None);
                    return (outcome, result.Position);
                }
                catch (WrongExpectedRevisionException) when (attempt < Attempts)
                {
                    await AfterConflictAsync(store, model, attempt, ct);
                }
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Another process wrote to the stream: waits a moment, a random one growing with each attempt, then until the read
    /// model shows the log's head, to decide again at once. Without the wait two servers taking writes in turn can wake
    /// on the same append and race again and again, one losing every time. It comes before the catching up, not after:
    /// a server writing without pause would otherwise append again during it, and the decision made after it would be
    /// stale before it was made.
    /// </summary>
    internal static async Task AfterConflictAsync(IEventStore store, ReadModel model, int attempt, CancellationToken ct)
    {
        await Task.Delay(Random.Shared.Next(5 << attempt), ct);
        await model.ReachAsync(await store.HeadPositionAsync(ct), Patience,
            "Nothing was written: another writer changed the log and the read models have not caught up with it within "
            + $"{Patience.TotalSeconds:0} s. Retry shortly.", ct);
    }
}
