using Monitor.Channels;
using Monitor.Hosting;
using Monitor.Projections;

namespace Monitor.Recording;

/// <param name="Position">Where the accepted event landed in the log; null when nothing was written.</param>
public sealed record WriteOutcome(Decision Decision, long? Position = null);

/// <summary>Carries out ledger commands: validate, then decide and append through the <see cref="DecidingWriter"/>.</summary>
public sealed class LedgerWriter(DecidingWriter writer, ReadModel model, ChannelCatalog catalog, TimeProvider clock)
{
    private DateOnly Today => clock.Today();

    public Task<WriteOutcome> RecordAsync(DevelopmentDraft draft, CancellationToken ct) =>
        WithFacts(draft, facts => WriteAsync(known => Ledger.Record(Guid.CreateVersion7(), facts, draft.DistinctFrom ?? [], known), ct));

    public Task<WriteOutcome> AddSourceAsync(Guid id, SourceDraft? draft, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var occurredOn = model.Read(m => m.Developments.Find(id)?.Current.OccurredOn);
        var source = DevelopmentValidation.SourceOf(draft, "source", occurredOn, Today, errors);
        return source is null ? Task.FromResult(new WriteOutcome(new Decision.Invalid(errors)))
            : WriteAsync(known => Ledger.AddSource(id, source, known), ct);
    }

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
        var (decision, position) = await writer.WriteAsync(Ledger.StreamName, m =>
        {
            var decision = decide(m.Developments);
            return (decision, m.LedgerRevision, decision is Decision.Accepted accepted ? LedgerCodec.Encode(accepted.Event) : null);
        }, ct);
        return new WriteOutcome(decision, position);
    }
}
