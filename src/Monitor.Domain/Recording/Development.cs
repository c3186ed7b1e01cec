namespace Monitor.Recording;

/// <summary>
/// Where a development was reported, with the short sentence that bears it out.
/// <paramref name="Reference"/> names a kept copy when there is no url (the seed timeline cites its article files so).
/// </summary>
public sealed record Source(string Title, string Publisher, string? Url, PartialDate PublishedOn, string Evidence, string? Reference = null);

/// <summary>The facts an analyst records about one development. Never edited once recorded.</summary>
public sealed record DevelopmentFacts(
    IReadOnlyList<string> Channels,
    DevelopmentKind Kind,
    PartialDate OccurredOn,
    string Summary,
    IReadOnlyList<string> Actors,
    IReadOnlyList<Source> Sources);
