namespace Monitor.Recording;

/// <summary>A development as the API shows it: facts, when it became known, and what happened to it since.</summary>
public sealed record DevelopmentView(
    Guid Id,
    IReadOnlyList<string> Channels,
    DevelopmentKind Kind,
    PartialDate OccurredOn,
    DatePrecision Precision,
    string Summary,
    IReadOnlyList<string> Actors,
    IReadOnlyList<Source> Sources,
    DateTimeOffset RecordedAt,
    long Position,
    string State,
    IReadOnlyList<AmendmentView> Corrections,
    AmendmentView? Retraction)
{
    public static DevelopmentView Of(DevelopmentRecord r) => new(
        r.Id, r.Current.Channels, r.Current.Kind, r.Current.OccurredOn, r.Current.OccurredOn.Precision, r.Current.Summary,
        r.Current.Actors, r.Current.Sources, r.RecordedAt, r.Position,
        r.Retraction is not null ? "retracted" : r.Corrections.Count > 0 ? "corrected" : "recorded",
        r.Corrections.Select(AmendmentView.Of).ToList(), r.Retraction is { } x ? AmendmentView.Of(x) : null);
}

public sealed record AmendmentView(string Reason, DateTimeOffset RecordedAt, long Position, DevelopmentFacts? Facts)
{
    public static AmendmentView Of(Amendment a) => new(a.Reason, a.RecordedAt, a.Position, a.Facts);
}

/// <summary>A development in brief, as cited by a status or a timeline.</summary>
public sealed record DevelopmentBrief(Guid Id, DevelopmentKind Kind, PartialDate OccurredOn, string Summary, DateTimeOffset RecordedAt)
{
    public static DevelopmentBrief Of(DevelopmentRecord r, DateTimeOffset? knownAt = null)
    {
        var facts = r.FactsAt(knownAt);
        return new(r.Id, facts.Kind, facts.OccurredOn, facts.Summary, r.RecordedAt);
    }
}

public sealed record DevelopmentPage(int Total, int Offset, int Limit, IReadOnlyList<DevelopmentView> Items);

/// <summary>Body of a retraction: why.</summary>
public sealed record RetractionRequest(string? Reason);

/// <summary>Body of a correction: why, and the development's facts as they should now read.</summary>
public sealed record CorrectionRequest(string? Reason, DevelopmentDraft? Development);
