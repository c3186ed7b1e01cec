using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Hosting;
using Monitor.Projections;

namespace Monitor.Recording;

/// <param name="Position">Where the accepted event landed in the log; null when nothing was written.</param>
public sealed record WriteOutcome(Decision Decision, long? Position = null);

/// <summary>
/// Carries out ledger commands: decide against the read model, append with the ledger revision the
/// decision saw (so a concurrent writer anywhere makes us decide again), and return once the read
/// models show the write.
/// </summary>
public sealed class LedgerWriter(IEventStore store, ReadModel model, ChannelCatalog catalog, TimeProvider clock)
{
    private const int Attempts = 5;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    private DateOnly Today => clock.Today();

    public Task<WriteOutcome> RecordAsync(DevelopmentDraft draft, CancellationToken ct) =>
        WithFacts(draft, facts => WriteAsync(known => Ledger.Record(Guid.NewGuid(), facts, known), ct));

    public Task<WriteOutcome> CorrectAsync(Guid id, DevelopmentDraft draft, string? reason, CancellationToken ct) =>
        WithFacts(draft, facts => WriteAsync(known => Ledger.Correct(id, facts, reason, known), ct));

    public Task<WriteOutcome> RetractAsync(Guid id, string? reason, CancellationToken ct) =>
        WriteAsync(known => Ledger.Retract(id, reason, known), ct);

    private Task<WriteOutcome> WithFacts(DevelopmentDraft draft, Func<DevelopmentFacts, Task<WriteOutcome>> write)
    {
        var (facts, errors) = DevelopmentValidation.Validate(draft, catalog, Today);
        return facts is null ? Task.FromResult(new WriteOutcome(new Decision.Invalid(errors))) : write(facts);
    }

    private async Task<WriteOutcome> WriteAsync(Func<IKnownDevelopments, Decision> decide, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var (decision, revision) = model.Read(m => (decide(m.Developments), m.LedgerRevision));
                if (decision is not Decision.Accepted accepted) return new WriteOutcome(decision);
                try
                {
                    var expected = revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.At(revision);
                    var result = await store.AppendAsync(Ledger.StreamName, expected, [LedgerCodec.Encode(accepted.Event)], CancellationToken.None);
                    await model.WaitForAsync(result.Position, CancellationToken.None);
                    return new WriteOutcome(decision, result.Position);
                }
                catch (WrongExpectedRevisionException) when (attempt < Attempts)
                {
                    // Another process wrote to the ledger: let the read model see it, then decide again.
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
