namespace Monitor.Recording;

/// <summary>
/// A development as the API shows it: facts, when it became known, what happened to it since, when it was
/// certain, and how many independent publishers report it.
/// </summary>
public sealed record DevelopmentView(
    Guid Id,
    IReadOnlyList<string> Channels,
    DevelopmentKind Kind,
    Period OccurredOn,
    DatePrecision? Precision,
    string OccurredOnText,
    DateOnly CertainBy,
    Period? PlannedFor,
    string? PlannedForText,
    string Summary,
    IReadOnlyList<string> Actors,
    IReadOnlyList<Source> Sources,
    int Corroboration,
    DateTimeOffset RecordedAt,
    long Position,
    string State,
    IReadOnlyList<AmendmentView> Corrections,
    IReadOnlyList<AddedSource> AddedSources,
    AmendmentView? Retraction)
{
    public static DevelopmentView Of(DevelopmentRecord r)
    {
        var facts = r.Current.Unpack();
        return new(r.Id, facts.Channels, facts.Kind, facts.OccurredOn, facts.OccurredOn.Precision, facts.OccurredOn.Describe(),
            Status.Certainty.CertainBy(facts), facts.PlannedFor, facts.PlannedFor?.Describe(), facts.Summary, facts.Actors, facts.Sources,
            Monitor.Recording.Corroboration.Count(facts.Sources), r.RecordedAt, r.Position,
            r.Retraction is not null ? "retracted" : r.Corrections.Count > 0 ? "corrected" : "recorded",
            r.Corrections.Select(AmendmentView.Of).ToList(), r.AddedSources, r.Retraction is { } x ? AmendmentView.Of(x) : null);
    }
}

public sealed record AmendmentView(string Reason, DateTimeOffset RecordedAt, long Position, DevelopmentFacts? Facts)
{
    public static AmendmentView Of(Amendment a) => new(a.Reason, a.RecordedAt, a.Position, a.Facts?.Unpack());
}

/// <summary>A development in brief, as cited by a status or a timeline: what it was, when, and the evidence for it.</summary>
public sealed record DevelopmentBrief(
    Guid Id, DevelopmentKind Kind, Period OccurredOn, string OccurredOnText, DateOnly CertainBy, Period? PlannedFor, string? PlannedForText,
    string Summary, IReadOnlyList<Source> Sources, int Corroboration, DateTimeOffset RecordedAt)
{
    public static DevelopmentBrief Of(DevelopmentRecord r, DateTimeOffset? knownAt = null, DateOnly? reportedBy = null)
    {
        var facts = (reportedBy is null ? null : r.AsSeen(knownAt, reportedBy, includeRetracted: true)) ?? r.FactsAt(knownAt);
        return new(r.Id, facts.Kind, facts.OccurredOn, facts.OccurredOn.Describe(), Status.Certainty.CertainBy(facts), facts.PlannedFor,
            facts.PlannedFor?.Describe(), facts.Summary, facts.Sources, Monitor.Recording.Corroboration.Count(facts.Sources), r.RecordedAt);
    }
}

/// <param name="Total">Every match, counted when paging by offset; left out when paging by cursor, where counting would cost the whole list.</param>
/// <param name="Next">The cursor of the page after this one; null on the last page.</param>
public sealed record DevelopmentPage(int? Total, int? Offset, int Limit, IReadOnlyList<DevelopmentView> Items, string? Next);

/// <summary>Body of a request to add a report of the same event: the source, as on a new development.</summary>
public sealed record AddSourceRequest(SourceDraft? Source);

/// <summary>Body of a retraction: why.</summary>
public sealed record RetractionRequest(string? Reason);

/// <summary>Body of a correction: why, and the development's facts as they should now read.</summary>
public sealed record CorrectionRequest(string? Reason, DevelopmentDraft? Development);
