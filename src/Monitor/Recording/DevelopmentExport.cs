using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Monitor.Json;
using Monitor.Projections;

namespace Monitor.Recording;

/// <summary>
/// Developments for spreadsheets and other programs: CSV (RFC 4180, one row per development, sources in one
/// cell) and JSON (the API's own views). GET /api/developments answers CSV when asked with Accept: text/csv;
/// GET /api/developments/export?format=csv|json gives every match as a file.
/// </summary>
public static class DevelopmentExport
{
    public const string CsvType = "text/csv";

    private static readonly string[] Columns =
    [
        "id", "occurredOn", "occurredOnText", "kind", "channels", "summary", "actors", "state", "certainBy", "corroboration",
        "sources", "recordedAt",
    ];

    public static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals(CsvType, StringComparison.OrdinalIgnoreCase));

    /// <summary>RFC 4180 (CRLF between records); a cell a spreadsheet would take for a formula (=, +, -, @) is escaped.</summary>
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { NewLine = "\r\n", Injection = CsvInjection.Escape };

    public static PushStreamHttpResult Csv(IEnumerable<DevelopmentView> developments, string? fileName = null) =>
        TypedResults.Stream(async body =>
        {
            await using var csv = CsvWriter.Create(body, CsvOptions, leaveOpen: true);
            await csv.WriteRecordAsync(Columns, CancellationToken.None);
            foreach (var d in developments) await csv.WriteRecordAsync(Row(d), CancellationToken.None);
            await csv.FlushAsync(CancellationToken.None);
        }, CsvType + "; charset=utf-8", fileName);

    public static PushStreamHttpResult Json(IEnumerable<DevelopmentView> developments, string fileName) =>
        TypedResults.Stream(body => JsonSerializer.SerializeAsync(body, developments, MonitorJson.Options), "application/json; charset=utf-8", fileName);

    /// <summary>Every development <paramref name="admits"/>, newest-dated first, read as the file is written (<see cref="ListTurns"/>).</summary>
    public static IEnumerable<DevelopmentView> Every(ReadModel model, Func<DevelopmentRecord, bool> admits) =>
        ListTurns.Matches(model, admits, null, shown: _ => true).Select(view => view!);

    /// <summary>One development's cells; several values in a cell are separated by "; ", sources by " | ".</summary>
    private static string[] Row(DevelopmentView d) =>
    [
        d.Id.ToString(), d.OccurredOn.ToString(), d.OccurredOnText, WireName.Of(d.Kind), string.Join("; ", d.Channels), d.Summary,
        string.Join("; ", d.Actors), d.State, d.CertainBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        d.Corroboration.ToString(CultureInfo.InvariantCulture),
        string.Join(" | ", d.Sources.Select(s => $"{s.Publisher}: {s.Title} ({s.PublishedOn}){(s.Url is null ? "" : " " + s.Url)}")),
        d.RecordedAt.ToString("O", CultureInfo.InvariantCulture),
    ];
}
