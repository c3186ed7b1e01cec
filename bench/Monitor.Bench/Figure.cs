using System.Globalization;

namespace Monitor.Bench;

/// <summary>One measured number with its unit; <see cref="HigherIsBetter"/> for rates, lower for times.</summary>
public readonly record struct Figure(double Value, string Unit, bool HigherIsBetter)
{
    public static Figure Micros(TimeSpan t) => new(t.TotalMicroseconds, "µs", false);

    public static Figure Millis(TimeSpan t) => new(t.TotalMilliseconds, "ms", false);

    public static Figure Seconds(TimeSpan t) => new(t.TotalSeconds, "s", false);

    public static Figure Rate(long count, TimeSpan elapsed) => new(count / elapsed.TotalSeconds, "/s", true);

    /// <summary>The value in its unit's base (seconds for times), so figures in different units compare.</summary>
    public double InBaseUnit => Value * Unit switch { "µs" => 1e-6, "ms" => 1e-3, _ => 1 };

    public override string ToString()
    {
        var digits = Value >= 1_000 ? "N0" : Value >= 10 ? "N1" : "N2";
        return Value.ToString(digits, CultureInfo.InvariantCulture) + " " + Unit;
    }
}
