using System.Buffers;
using System.Text;

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
        if (!Uri.TryCreate(original, UriKind.Absolute, out var url)) return Fold(original);
        // A copy of a page: the outlet that published that page, known by its url or its site.
        var originals = all.Where(s => s.SyndicatedFrom is null && s.Url is not null).ToList();
        var copied = originals.FirstOrDefault(s => SameUrl(s.Url!, original))
            ?? originals.FirstOrDefault(s => Uri.TryCreate(s.Url, UriKind.Absolute, out var u) && Site(u) == Site(url));
        return copied is not null ? Fold(copied.Publisher) : Site(url);
    }

    /// <summary>Whether two addresses name the same page: scheme, "www.", case and a trailing slash aside.</summary>
    public static bool SameUrl(string a, string b) => string.Equals(Page(a), Page(b), StringComparison.OrdinalIgnoreCase);

    private static string Page(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ? Site(uri) + uri.PathAndQuery.TrimEnd('/') : url.Trim().TrimEnd('/');

    private static string Site(Uri uri) => uri.Host.ToLowerInvariant() is var host && host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;

    /// <summary>Publisher and title compared as people write them: case and runs of spaces do not matter.</summary>
    public static string Fold(string text)
    {
        Span<char> folded = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        return new string(folded[..Fold(text, folded)]);
    }

    // Whitespace in ASCII, where char.IsWhiteSpace agrees: tab to carriage return, and the space.
    private static readonly SearchValues<char> AsciiBreaks = SearchValues.Create("\t\n\v\f\r");

    /// <summary>Folds <paramref name="text"/> into <paramref name="into"/> (at least as long); returns the length written.</summary>
    public static int Fold(ReadOnlySpan<char> text, Span<char> into)
    {
        // Most titles and publishers are ASCII words between single spaces: lowered at once, and nothing to collapse.
        // A rebuild folds two for each of a million developments, a character at a time 4 % of its reading.
        if (text.Length > 0 && text[0] != ' ' && text[^1] != ' ' && Ascii.ToLower(text, into, out var lowered) == OperationStatus.Done
            && text.IndexOfAny(AsciiBreaks) < 0 && text.IndexOf("  ", StringComparison.Ordinal) < 0)
            return lowered;
        return FoldEach(text, into);
    }

    /// <summary><see cref="Fold(ReadOnlySpan{char}, Span{char})"/> a character at a time, for any text.</summary>
    internal static int FoldEach(ReadOnlySpan<char> text, Span<char> into)
    {
        var length = 0;
        var gap = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                gap = length > 0;
                continue;
            }
            if (gap) into[length++] = ' ';
            gap = false;
            into[length++] = char.ToLowerInvariant(c);
        }
        return length;
    }
}
