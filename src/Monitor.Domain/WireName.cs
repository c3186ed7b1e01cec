using System.Text;

namespace Monitor;

/// <summary>Enum names as users and stored events spell them: ContactHeld is "contact-held".</summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        var wire = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && wire.Length > 0) wire.Append('-');
            wire.Append(char.ToLowerInvariant(c));
        }
        return wire.ToString();
    }

    public static bool TryParse<TEnum>(string? wire, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), wire, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static IEnumerable<string> All<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(Of);
}
