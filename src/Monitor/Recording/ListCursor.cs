using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Monitor.Recording;

/// <summary>
/// Where a page of the development list ended: the last development's period and log position, the list's sort key.
/// The next page starts right after it whatever was recorded meanwhile, and finding it costs a seek, not a count.
/// Opaque to clients (base64url), so its form can change.
/// </summary>
public readonly record struct ListCursor(Period OccurredOn, long Position)
{
    public static ListCursor After(DevelopmentRecord last) => new(last.Current.OccurredOn, last.Position);

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{OccurredOn}|{Position}")));

    public static bool TryParse(string text, out ListCursor cursor)
    {
        cursor = default;
        if (text.Length > 200 || !Base64Url.IsValid(text)) return false;
        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
        if (parts.Length != 2 || !Period.TryParse(parts[0], out var period, out _)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position)) return false;
        cursor = new ListCursor(period, position);
        return true;
    }
}
