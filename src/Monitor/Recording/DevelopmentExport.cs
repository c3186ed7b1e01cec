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

    /// <summary>
    /// Every development <paramref name="admits"/>, newest-dated first, read as the file is written, a turn at a time: a
    /// turn holds the read models' lock over at most <see cref="ScanPerTurn"/> developments, so writes go on beside a long
    /// export (over a million developments, reading them all in one hold kept writes waiting 10 s, until they timed out).
    /// A turn starts after the last development the one before went past, as a cursor of the list does, with what that
    /// brings: a write made meanwhile is in the file if it lands ahead of the turns. Each development is written once, so
    /// one that a correction moves ahead of the turns is not written again.
    /// </summary>
    public static IEnumerable<DevelopmentView> Every(ReadModel model, Func<DevelopmentRecord, bool> admits)
    {
        var written = new HashSet<Guid>();
        ListCursor? after = null;
        do
        {
            var (views, next) = model.Read(m => Turn(m.Developments, after, admits, written));
            foreach (var view in views) yield return view;
            after = next;
        } while (after is not null);
    }

    // A turn builds the views of at most this many developments under the lock: about a millisecond at 500.
    private const int ScanPerTurn = DevelopmentsApi.MaxPage;

    /// <returns>The views of the turn, and where the next turn starts (null: the list is done).</returns>
    private static (List<DevelopmentView> Views, ListCursor? Next) Turn(DevelopmentRegistry developments, ListCursor? after,
        Func<DevelopmentRecord, bool> admits, HashSet<Guid> written)
    {
        var views = new List<DevelopmentView>();
        var scanned = 0;
        foreach (var record in developments.ByDateDescending(after))
        {
            if (admits(record) && written.Add(record.Id)) views.Add(DevelopmentView.Of(record));
            if (++scanned == ScanPerTurn) return (views, ListCursor.After(record));
        }
        return (views, null);
    }

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
