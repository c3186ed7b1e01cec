using Monitor.Channels;
using Monitor.Hosting;
using Monitor.Projections;

namespace Monitor.Recording;

/// <param name="Position">Where the accepted event landed in the log; null when nothing was written.</param>
public sealed record WriteOutcome(Decision Decision, long? Position = null);

/// <summary>Carries out ledger commands: validate, then decide and append, in batches, through the <see cref="LedgerBatcher"/>.</summary>
public sealed class LedgerWriter(LedgerBatcher batcher, ReadModel model, ChannelCatalog catalog, TimeProvider clock)
{
    private DateOnly Today => clock.Today();

    public Task<WriteOutcome> RecordAsync(DevelopmentDraft draft, CancellationToken ct) =>
        WithFacts(draft, facts => batcher.WriteAsync(null, facts, known => Ledger.Record(Guid.CreateVersion7(), facts, draft.DistinctFrom ?? [], known), ct));

    public Task<WriteOutcome> AddSourceAsync(Guid id, SourceDraft? draft, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var occurredOn = model.Read(m => m.Developments.Find(id)?.OccurredOn);
        var source = DevelopmentValidation.SourceOf(draft, "source", occurredOn, Today, errors);
        return source is null ? Task.FromResult(new WriteOutcome(new Decision.Invalid(errors)))
            : batcher.WriteAsync(id, null, known => Ledger.AddSource(id, source, known), ct);
    }

    public Task<WriteOutcome> CorrectAsync(Guid id, DevelopmentDraft draft, string? reason, CancellationToken ct) =>
        WithFacts(draft, facts => batcher.WriteAsync(id, facts, known => Ledger.Correct(id, facts, reason, known), ct));

    public Task<WriteOutcome> RetractAsync(Guid id, string? reason, CancellationToken ct) =>
        batcher.WriteAsync(id, null, known => Ledger.Retract(id, reason, known), ct);

    private Task<WriteOutcome> WithFacts(DevelopmentDraft draft, Func<DevelopmentFacts, Task<WriteOutcome>> write)
    {
        var (facts, errors) = DevelopmentValidation.Validate(draft, catalog, Today);
        return facts is null ? Task.FromResult(new WriteOutcome(new Decision.Invalid(errors))) : write(facts);
    }
}
