namespace Monitor.Recording;

/// <summary>
/// When a new development is, or may be, one already recorded.
/// The same report: it bears on the same channels, with the same kind and occurredOn, and shares a source
/// (the same url, or the same publisher and title). Each key names one way to match; a development is a
/// duplicate if any of its keys is taken.
/// Possibly the same event: a live development of the same kind, sharing a channel, whose period overlaps
/// (context excepted: background is not an event reported twice).
/// </summary>
public static class DuplicateRule
{
    public static IEnumerable<string> KeysOf(DevelopmentFacts facts)
    {
        var what = string.Join(',', facts.Channels.Order(StringComparer.Ordinal)) + "|" + facts.Kind + "|" + facts.OccurredOn;
        foreach (var source in facts.Sources)
        {
            foreach (var key in SourceKeys(source)) yield return what + "|" + key;
        }
    }

    /// <summary>What makes two sources the same report.</summary>
    public static IEnumerable<string> SourceKeys(Source source)
    {
        if (source.Url is { } url) yield return "url|" + url.TrimEnd('/').ToLowerInvariant();
        yield return "by|" + Corroboration.Fold(source.Publisher) + "|" + Corroboration.Fold(source.Title);
    }

    public static bool SameReport(Source a, Source b) => SourceKeys(a).Intersect(SourceKeys(b)).Any();

    public static bool MayBeSameEvent(DevelopmentFacts a, DevelopmentFacts b) => a.Kind != DevelopmentKind.Context && MayConcern(a, b);

    /// <summary>
    /// Whether a decision about one could turn on the other: the same kind, a shared channel and overlapping periods
    /// (context too). Writes whose facts do not concern each other can be decided together.
    /// </summary>
    public static bool MayConcern(DevelopmentFacts a, DevelopmentFacts b) =>
        a.Kind == b.Kind && a.Channels.Intersect(b.Channels).Any() && a.OccurredOn.Overlaps(b.OccurredOn);
}
