namespace Monitor.Recording;

/// <summary>
/// Two developments are the same report when they bear on the same channels, with the same kind and
/// date, and share a source: the same url, or the same publisher and title.
/// Each key names one way to match; a development is a duplicate if any of its keys is taken.
/// </summary>
public static class DuplicateRule
{
    public static IEnumerable<string> KeysOf(DevelopmentFacts facts)
    {
        var what = string.Join(',', facts.Channels.Order(StringComparer.Ordinal)) + "|" + facts.Kind + "|" + facts.OccurredOn;
        foreach (var source in facts.Sources)
        {
            if (source.Url is { } url) yield return what + "|url|" + url.TrimEnd('/').ToLowerInvariant();
            yield return what + "|by|" + Fold(source.Publisher) + "|" + Fold(source.Title);
        }
    }

    private static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
