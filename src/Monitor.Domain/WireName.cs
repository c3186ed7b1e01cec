using System.Collections.Frozen;
using System.Text;

namespace Monitor;

/// <summary>Enum names as users and stored events spell them: ContactHeld is "contact-held".</summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Names<TEnum>.ToWire[value];

    public static bool TryParse<TEnum>(string? wire, out TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.FromWire.TryGetValue(wire ?? "", out value);

    public static IEnumerable<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.ToWire.Values;

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToWire =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => Kebab(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> FromWire =
            ToWire.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }

    private static string Kebab(string name)
    {
        var wire = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && wire.Length > 0) wire.Append('-');
            wire.Append(char.ToLowerInvariant(c));
        }
        return wire.ToString();
    }
}
