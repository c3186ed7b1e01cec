using Monitor.EventStore;

namespace Monitor.Projections;

/// <summary>
/// Carries out commands against one stream: decide against the read model, append with the stream
/// revision the decision saw (so a concurrent writer anywhere makes us decide again), and return once
/// the read models show the write.
/// </summary>
public sealed class DecidingWriter(IEventStore store, ReadModel model)
{
    private const int Attempts = 5;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <param name="decide">The outcome, the stream revision it was decided at (-1: no stream), and the event to append, if any.</param>
    /// <returns>The outcome, and where the event landed (null when nothing was written).</returns>
    public async Task<(T Outcome, long? Position)> WriteAsync<T>(
        string stream, Func<ReadModel, (T Outcome, long Revision, EventData? Event)> decide, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var (outcome, revision, e) = model.Read(decide);
                if (e is null) return (outcome, null);
                try
                {
                    var expected = revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.At(revision);
                    var result = await store.AppendAsync(stream, expected, [e], CancellationToken.None);
                    await model.WaitForAsync(result.Position, CancellationToken.None);
                    return (outcome, result.Position);
                }
                catch (WrongExpectedRevisionException) when (attempt < Attempts)
                {
                    // Another process wrote to the stream: let the read model see it, then decide again.
                    await model.WaitForAsync(await store.HeadPositionAsync(ct), ct);
                }
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
