using System.Globalization;
using Monitor.Http;

namespace Monitor.Recording;

/// <summary>
/// Where a page of the development list ended: the last development's period and log position, the list's sort key.
/// The next page starts right after it whatever was recorded meanwhile, and finding it costs a seek, not a count.
/// </summary>
public readonly record struct ListCursor(Period OccurredOn, long Position)
{
    public static ListCursor After(DevelopmentRecord last) => new(last.OccurredOn, last.Position);

    public static ListCursor After(DevelopmentView last) => new(last.OccurredOn, last.Position);

    public override string ToString() => OpaqueCursor.Encode(string.Create(CultureInfo.InvariantCulture, $"{OccurredOn}|{Position}"));

    public static bool TryParse(string text, out ListCursor cursor)
    {
        cursor = default;
        if (OpaqueCursor.Decode(text, 2) is not [var period, var position]
            || !Period.TryParse(period, out var occurredOn, out _)
            || !long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var at)) return false;
        cursor = new ListCursor(occurredOn, at);
        return true;
    }
}
