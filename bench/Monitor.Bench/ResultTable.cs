using System.Globalization;

namespace Monitor.Bench;

/// <summary>The rows as a plain-text table, columns padded to their widest cell.</summary>
public static class ResultTable
{
    public static void Write(TextWriter output, IReadOnlyList<BenchRow> rows, string baseline = "raw SQLite")
    {
        string[] Header = ["measurement", "ours", baseline, "ours/baseline", "target", "result"];
        var cells = rows.Select(r => new[]
        {
            r.Measurement, r.Ours.ToString(), r.Baseline.ToString(),
            r.Ratio.ToString(r.Ratio >= 0.01 ? "0.00" : "0.0e0", CultureInfo.InvariantCulture) + "×", r.Target, r.Verdict,
        }).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(c => cells.Max(row => row[c].Length)).ToArray();
        for (var i = 0; i < cells.Count; i++)
        {
            output.WriteLine(Line(cells[i], widths));
            if (i == 0) output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
        var missed = rows.Count(r => r.Met == false);
        output.WriteLine();
        output.WriteLine(missed == 0 ? "All targets met." : $"MISS: {missed} of {rows.Count(r => r.Met is not null)} targets not met.");
    }

    // Names and targets read left-aligned; numbers right-aligned.
    private static string Line(string[] row, int[] widths) => string.Join("  ", row.Select((cell, c) =>
        c is 0 or 4 or 5 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd();
}
