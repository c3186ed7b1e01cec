namespace Monitor.Recording;

/// <summary>
/// One report of a development, with the short sentence that bears it out.
/// <paramref name="Reference"/> names a kept copy when there is no url (the seed timeline cites its article files so).
/// <paramref name="SyndicatedFrom"/> marks a copy of another outlet's story (its url or publisher): it adds no corroboration.
/// </summary>
public sealed record Source(
    string Title, string Publisher, string? Url, PartialDate PublishedOn, string Evidence,
    string? Reference = null, string? SyndicatedFrom = null);

/// <summary>
/// The facts an analyst records about one development. Never edited once recorded.
/// <paramref name="PlannedFor"/>: when a planned or agreed meeting is to happen, apart from when the plan was made.
/// </summary>
public sealed record DevelopmentFacts(
    IReadOnlyList<string> Channels,
    DevelopmentKind Kind,
    Period OccurredOn,
    string Summary,
    IReadOnlyList<string> Actors,
    IReadOnlyList<Source> Sources,
    Period? PlannedFor = null);
