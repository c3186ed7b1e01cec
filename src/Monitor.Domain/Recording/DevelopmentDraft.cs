namespace Monitor.Recording;

/// <summary>
/// A development as typed by a person or a client: unchecked text, turned into facts by <see cref="DevelopmentValidation"/>.
/// <paramref name="DistinctFrom"/> names recorded developments the analyst has checked are other events (see <see cref="Ledger.Record"/>).
/// </summary>
public sealed record DevelopmentDraft(
    IReadOnlyList<string>? Channels,
    string? Kind,
    string? OccurredOn,
    string? Summary,
    IReadOnlyList<string>? Actors,
    IReadOnlyList<SourceDraft>? Sources,
    string? PlannedFor = null,
    IReadOnlyList<Guid>? DistinctFrom = null);

public sealed record SourceDraft(
    string? Title, string? Publisher, string? Url, string? PublishedOn, string? Evidence,
    string? Reference = null, string? SyndicatedFrom = null);

/// <summary>One thing wrong with an input, named by its JSON path ("sources[0].title").</summary>
public sealed record FieldError(string Field, string Message);
