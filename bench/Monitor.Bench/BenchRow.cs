namespace Monitor.Bench;

/// <summary>
/// One line of the result table: our figure, the raw-SQLite baseline measured in the same run, and the
/// target. <paramref name="Met"/> is null when the row is for information only (no target of its own).
/// </summary>
public sealed record BenchRow(string Measurement, Figure Ours, Figure Baseline, string Target, bool? Met)
{
    /// <summary>Ours divided by the baseline: above 1 is slower for times and faster for rates.</summary>
    public double Ratio => Ours.InBaseUnit / Baseline.InBaseUnit;

    public string Verdict => Met switch { true => "PASS", false => "MISS", null => "-" };

    public static BenchRow AtMost(string measurement, Figure ours, Figure baseline, double limit, string target) =>
        new(measurement, ours, baseline, target, ours.Value <= limit);

    public static BenchRow AtLeast(string measurement, Figure ours, Figure baseline, double floor, string target) =>
        new(measurement, ours, baseline, target, ours.Value >= floor);

    public static BenchRow Info(string measurement, Figure ours, Figure baseline) => new(measurement, ours, baseline, "-", null);
}
