using System.Text.Json;

namespace Monitor.Cli;

/// <summary>Plain-text tables for people at a terminal.</summary>
public static class Output
{
    public static void StatusTable(JsonElement channels)
    {
        var rows = channels.EnumerateArray().Select(c => new[]
        {
            Text(c, "id"), Text(c, "status"), Text(c, "since"),
            c.TryGetProperty("cause", out var cause) ? Text(cause, "summary") : "",
        }).ToList();
        Table(["CHANNEL", "STATUS", "SINCE", "BECAUSE"], rows);
    }

    public static void Timeline(JsonElement timeline)
    {
        Console.WriteLine($"{Text(timeline, "channel")}: status intervals");
        Table(["FROM", "UNTIL", "STATUS", "CAUSE"], timeline.GetProperty("intervals").EnumerateArray().Select(i => new[]
        {
            Text(i, "from"), Text(i, "until"), Text(i, "status"), Text(i.GetProperty("cause"), "summary"),
        }).ToList());
        Console.WriteLine();
        Console.WriteLine("developments");
        Table(["DATE", "KIND", "STATUS AFTER", "SUMMARY"], timeline.GetProperty("developments").EnumerateArray().Select(s => new[]
        {
            Text(s.GetProperty("development"), "occurredOn"), Text(s.GetProperty("development"), "kind"), Text(s, "statusAfter"),
            Text(s.GetProperty("development"), "summary"),
        }).ToList());
    }

    private static void Table(string[] header, List<string[]> rows)
    {
        const int maxLast = 90;
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            var cells = row.Select((cell, i) => i == row.Length - 1
                ? (cell.Length > maxLast ? cell[..(maxLast - 1)] + "…" : cell)
                : cell.PadRight(widths[i]));
            Console.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
