namespace Monitor.Recording;

/// <summary>
/// How many independent publishers report a development. A syndicated copy counts as its original:
/// the outlet its url or publisher names, once, however many sites carry it.
/// </summary>
public static class Corroboration
{
    public static int Count(IEnumerable<Source> sources)
    {
        var all = sources.ToList();
        return all.Select(s => OriginOf(s, all)).Distinct(StringComparer.Ordinal).Count();
    }

    private static string OriginOf(Source source, IReadOnlyList<Source> all)
    {
        if (source.SyndicatedFrom is not { } original) return Fold(source.Publisher);
        var copied = all.FirstOrDefault(s => s.Url is { } url && SameUrl(url, original));
        return copied is not null && copied.SyndicatedFrom is null ? Fold(copied.Publisher)
            : Uri.TryCreate(original, UriKind.Absolute, out var uri) ? uri.Host.ToLowerInvariant().Replace("www.", "")
            : Fold(original);
    }

    public static bool SameUrl(string a, string b) =>
        string.Equals(a.Trim().TrimEnd('/'), b.Trim().TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Publisher and title compared as people write them: case and runs of spaces do not matter.</summary>
    public static string Fold(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
