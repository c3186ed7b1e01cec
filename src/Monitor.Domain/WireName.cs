using System.Text;

namespace Monitor;

/// <summary>Enum names as users and stored events spell them: ContactHeld is "contact-held".</summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Names<TEnum>.ToWire[value];

    public static bool TryParse<TEnum>(string? wire, out TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.FromWire.TryGetValue(wire ?? "", out value);

    /// <summary>Every name, in the enum's order.</summary>
    public static IEnumerable<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.InOrder;

    // Plain dictionaries, not frozen ones: for a handful of names a frozen dictionary costs more to build than every
    // lookup saves, and the published program's ahead-of-time compilation left its specialised types to the JIT. The
    // command line builds these for its help text at every start.
    private static class Names<TEnum> where TEnum : struct, Enum
    {
        private static readonly TEnum[] Values = Enum.GetValues<TEnum>();

        public static readonly IReadOnlyList<string> InOrder = Array.AsReadOnly(Array.ConvertAll(Values, v => Kebab(v.ToString())));

        public static readonly Dictionary<TEnum, string> ToWire = Values.Zip(InOrder).ToDictionary();

        public static readonly Dictionary<string, TEnum> FromWire = ToWire.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
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
