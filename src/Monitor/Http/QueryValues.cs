using System.Globalization;
using Monitor.Recording;

namespace Monitor.Http;

/// <summary>
/// Query parameters are taken as text and read here, so that a wrong one is a problem naming it
/// ("?limit=abc"), not the framework's nameless 400.
/// </summary>
public static class QueryValues
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="absent"/> when not given.</summary>
    public static int Number(string? text, string name, int min, int max, int absent, List<FieldError> errors)
    {
        if (text is null) return absent;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        errors.Add(new(name, $"{SafeText.Quote(text)} is not a whole number from {min} to {max:N0}."));
        return absent;
    }

    /// <summary>true or false; <paramref name="absent"/> when not given.</summary>
    public static bool Flag(string? text, string name, bool absent, List<FieldError> errors)
    {
        if (text is null) return absent;
        if (bool.TryParse(text, out var value)) return value;
        errors.Add(new(name, $"{SafeText.Quote(text)} is neither true nor false."));
        return absent;
    }
}
