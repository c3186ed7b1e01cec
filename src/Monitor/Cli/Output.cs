using System.Text;
using System.Text.Json;
using Monitor.Json;

namespace Monitor.Cli;

/// <summary>
/// Plain-text tables for people at a terminal. What the server sends is shown as data: every character
/// <see cref="SafeText"/> hides (control, escape sequences, C1, bidirectional overrides, invisible ones) is
/// neutralised before it reaches the terminal.
/// </summary>
public static class Output
{
    private static readonly JsonSerializerOptions Indented = new(MonitorJson.Options) { WriteIndented = true };

    public static void StatusTable(JsonElement channels)
    {
        if (channels.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first) Console.WriteLine(Moment(first));
        Table(["CHANNEL", "STATUS", "SINCE", "POSSIBLY", "BECAUSE"], channels.EnumerateArray().Select(c => new[]
        {
            Text(c, "id"), Text(c, "status"), Text(c, "sinceText"),
            c.TryGetProperty("possibly", out var p) ? $"{Text(p, "status")} ({p.GetProperty("causes").GetArrayLength()} uncertain)" : "",
            Text(Field(c, "cause"), "summary"),
        }).ToList());
    }

    public static void Timeline(JsonElement timeline)
    {
        Console.WriteLine($"{Text(timeline, "channel")}, {Moment(timeline)}");
        Console.WriteLine("status intervals");
        var intervals = timeline.GetProperty("intervals").EnumerateArray().ToList();
        Table(["FROM", "CERTAIN FROM", "UNTIL", "STATUS", "CAUSE"], intervals.Select((i, n) => new[]
        {
            Text(i, "fromText"), Text(i, "certainFrom"), Until(i, intervals.ElementAtOrDefault(n + 1)), Text(i, "status"),
            Text(Field(i, "cause"), "summary"),
        }).ToList());
        Console.WriteLine();
        Console.WriteLine("developments");
        var steps = timeline.GetProperty("developments").EnumerateArray().ToList();
        Table(["DATE", "KIND", "STATUS AFTER", "NOTE", "SUMMARY"], steps.Select(s => new[]
        {
            Text(Field(s, "development"), "occurredOnText"), Text(Field(s, "development"), "kind"), Text(s, "statusAfter"), Note(s),
            Text(Field(s, "development"), "summary"),
        }).ToList());
        if (steps.Any(s => !Flag(s, "certain"))) Console.WriteLine($"? may have happened by {Text(timeline, "asOf")} but is not certain yet.");
        if (steps.Any(s => Flag(s, "overdue"))) Console.WriteLine("overdue: the planned date has passed with no contact held since.");
    }

    public static void Developments(JsonElement page)
    {
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Table(["ID", "DATE", "KIND", "CHANNELS", "CORROB.", "STATE", "SUMMARY"], items.Select(d => new[]
        {
            Text(d, "id"), Text(d, "occurredOnText"), Text(d, "kind"), SafeText.Visible(string.Join(",", Strings(d, "channels"))),
            Number(d, "corroboration"), Text(d, "state"), Text(d, "summary"),
        }).ToList());
        var (offset, total) = (page.GetProperty("offset").GetInt32(), page.GetProperty("total").GetInt32());
        var more = offset + items.Count < total ? $"; the next ones: --offset {offset + items.Count}" : "";
        Console.WriteLine($"{items.Count} of {total}{(offset > 0 ? $", after the first {offset}" : "")}{more}");
    }

    /// <summary>A development in one line: "id (Sep–Dec 2023, contact-held on military)".</summary>
    public static string Describe(JsonElement development) =>
        $"{Text(development, "id")} ({Text(development, "occurredOnText")}, {Text(development, "kind")} on "
        + $"{SafeText.Visible(string.Join(", ", Strings(development, "channels")))})";

    /// <summary>
    /// The server's JSON, indented, with every character <see cref="SafeText"/> hides escaped (\u202E): the same JSON,
    /// inert on a terminal. The serializer escapes control characters itself but not bidirectional or invisible ones.
    /// </summary>
    public static string Json(JsonElement json)
    {
        var text = JsonSerializer.Serialize(json, Indented);
        var escaped = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            // Raw line breaks are the indentation's: inside strings the serializer wrote them as \n.
            if (rune.Value is '\n' or '\r' || !SafeText.IsHidden(rune)) escaped.Append(rune.ToString());
            else foreach (var unit in rune.ToString()) escaped.Append($"\\u{(int)unit:X4}");
        }
        return escaped.ToString();
    }

    public static string Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? SafeText.Visible(v.GetString()!) : "";

    private static string Moment(JsonElement answer) =>
        $"as of {Text(answer, "asOf")}"
        + (Text(answer, "knownAt") is { Length: > 0 } known ? $", as recorded at {known}" : "")
        + (Text(answer, "reportedBy") is { Length: > 0 } reported ? $", as reported by {reported}" : "");

    /// <summary>An interval ends where the next begins; shown as that one's text when the periods agree, else as sent.</summary>
    private static string Until(JsonElement interval, JsonElement next) =>
        Text(interval, "until") is { Length: > 0 } until && until == Text(next, "from") ? Text(next, "fromText") : Text(interval, "until");

    private static string Note(JsonElement step)
    {
        var notes = new List<string>();
        if (!Flag(step, "certain")) notes.Add("?");
        if (Flag(step, "overdue")) notes.Add("overdue");
        if (Text(Field(step, "development"), "plannedFor") is { Length: > 0 } planned) notes.Add($"for {planned}");
        return string.Join(' ', notes);
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

    private static JsonElement Field(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    private static bool Flag(JsonElement e, string name) => Field(e, name).ValueKind == JsonValueKind.True;

    private static string Number(JsonElement e, string name) => Field(e, name) is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : "";

    private static IEnumerable<string> Strings(JsonElement e, string name) =>
        Field(e, name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().Select(v => v.GetString() ?? "") : [];

}
