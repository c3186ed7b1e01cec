using System.Buffers;
using System.Globalization;
using System.Text;

namespace Monitor;

/// <summary>
/// Characters text must not carry, because what a reader sees would not be what is stored: control characters
/// (C0, DEL, C1) move a terminal's cursor or clear its screen; bidirectional overrides and isolates show text in
/// another order; invisible formatting characters (zero-width space, soft hyphen, byte-order mark, tags) make
/// two names that look alike differ; line and paragraph separators break a line no one sees break. Prose (a
/// summary, a reason) may hold line breaks (\n) and tabs; every other field is one line.
/// </summary>
public static class SafeText
{
    /// <summary>How much of an input a message quotes.</summary>
    public const int MaxEcho = 100;

    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can.</summary>
    public static string? Refusal(string text, bool prose = false)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length) != OperationStatus.Done)
                return $"Character {i + 1} is a lone surrogate (U+{(int)text[i]:X4}), which is not Unicode text.";
            if (!(prose && rune.Value is '\n' or '\t') && Kind(rune) is { } kind)
                return $"Character {i + 1} is U+{rune.Value:X4}, {kind}: "
                    + (prose ? "give plain text; line breaks (\\n) and tabs are allowed." : "give one line of plain text.");
            i += length;
        }
        return null;
    }

    /// <summary>Whether the character is one <see cref="Refusal"/> names (line breaks and tabs included).</summary>
    public static bool IsHidden(Rune rune) => Kind(rune) is not null;

    /// <summary>
    /// Text made safe to show: each hidden character becomes a space where it separates (line breaks, tabs) and
    /// U+FFFD (�) otherwise, so it can neither act on a terminal nor pass unseen.
    /// </summary>
    public static string Visible(string text)
    {
        var shown = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var valid = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length) == OperationStatus.Done;
            if (valid && !IsHidden(rune)) shown.Append(text, i, length);
            else shown.Append(valid && Rune.IsWhiteSpace(rune) ? ' ' : '\uFFFD');
            i += length;
        }
        return shown.ToString();
    }

    /// <summary>An input as a message quotes it: visible, in quotes, at most <see cref="MaxEcho"/> characters of it.</summary>
    public static string Quote(string? text)
    {
        text ??= "";
        return text.Length <= MaxEcho ? $"'{Visible(text)}'" : $"'{Excerpt(text)}' ({text.Length:N0} characters)";
    }

    /// <summary>The visible start of <paramref name="text"/>, at most <paramref name="max"/> characters, with "…" where it was cut.</summary>
    public static string Excerpt(string text, int max = MaxEcho)
    {
        if (text.Length <= max) return Visible(text);
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return Visible(text[..cut]) + "…";
    }

    private static string? Kind(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control => "a control character",
        UnicodeCategory.Format when rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 =>
            "a bidirectional override or isolate, which shows text in another order than it is stored",
        UnicodeCategory.Format => "an invisible formatting character",
        UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => "a line or paragraph separator",
        _ => null,
    };
}
