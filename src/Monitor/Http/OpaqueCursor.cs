using System.Buffers.Text;
using System.Text;

namespace Monitor.Http;

/// <summary>
/// A page's cursor as clients see it: the sort key where the page ended, in base64url, so they pass it back
/// unchanged and its form can change. The key's parts are plain text joined by '|'.
/// </summary>
public static class OpaqueCursor
{
    private const int MaxLength = 200;

    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    /// <summary>The key's parts; null when <paramref name="cursor"/> is not one this program gave out with that many parts.</summary>
    public static string[]? Decode(string cursor, int parts)
    {
        if (cursor.Length > MaxLength || !Base64Url.IsValid(cursor)) return null;
        var key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
        return key.Length == parts ? key : null;
    }
}
