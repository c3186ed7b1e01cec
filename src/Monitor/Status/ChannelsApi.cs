using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Monitor.Hosting;
using Monitor.Http;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Status;

public static class ChannelsApi
{
    public static void MapChannelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/channels", All).RequireRateLimiting(ReadAdmission.Policy).ProducesProblem(400)
            .WithSummary("Each channel's status, since when, the development behind it and the latest one, at asOf / knownAt / reportedBy.");
        api.MapGet("/channels/{id}", One).RequireRateLimiting(ReadAdmission.Policy).ProducesProblem(400).ProducesProblem(404)
            .WithSummary("One channel's status at asOf / knownAt / reportedBy.");
        api.MapGet("/channels/{id}/timeline", Timeline).RequireRateLimiting(ReadAdmission.Policy).ProducesProblem(400).ProducesProblem(404)
            .WithSummary("One channel's status intervals, each with the development that caused it, and its developments: "
                + "all of them, or a page of `limit` with a `next` cursor to pass as `cursor` and the intervals the page's developments began.");
    }

    private static Results<Ok<List<ChannelView>>, ProblemHttpResult> All(ReadModel model, TimeProvider clock, ILogger<ReportedTimelines> log,
        string? asOf, string? knownAt, string? reportedBy) =>
        Parse(asOf, knownAt, reportedBy, clock.Today()) is var (at, problem) && problem is not null ? problem
            : TypedResults.Ok(Prepared(model, at, log).Statuses(model.Board.Catalog.All, at));

    private static Results<Ok<ChannelView>, ProblemHttpResult> One(string id, ReadModel model, TimeProvider clock, ILogger<ReportedTimelines> log,
        string? asOf, string? knownAt, string? reportedBy) =>
        model.Board.Catalog.Find(id) is not { } channel ? NoChannel(id, model)
            : Parse(asOf, knownAt, reportedBy, clock.Today()) is var (at, problem) && problem is not null ? problem
            : TypedResults.Ok(Prepared(model, at, log).Statuses([channel], at)[0]);

    private static Results<Ok<TimelineView>, ProblemHttpResult> Timeline(string id, ReadModel model, TimeProvider clock, ILogger<ReportedTimelines> log,
        string? asOf, string? knownAt, string? reportedBy, string? limit, string? cursor) =>
        model.Board.Catalog.Find(id) is not { } channel ? NoChannel(id, model)
            : Parse(asOf, knownAt, reportedBy, clock.Today()) is var (at, problem) && problem is not null ? problem
            : Page(limit, cursor) is var (page, refused) && refused is not null ? refused
            : TypedResults.Ok(Prepared(model, at, log).Timeline(channel, at, page));

    /// <summary>
    /// Before a status query: one as reported by a day has the publication-date timelines built behind it, if those built
    /// do not answer that day for the ledger as it stands, for the queries after it (it is answered by a fold meanwhile).
    /// </summary>
    private static ReadModel Prepared(ReadModel model, Moment at, ILogger log)
    {
        if (at is { ReportedBy: { } reportedBy, KnownAt: null }) model.Reported.PrepareBehind(model, reportedBy, log);
        return model;
    }

    /// <summary>Paging of a timeline's developments: none unless a limit or a cursor is given.</summary>
    private static (TimelinePage? Page, ProblemHttpResult? Problem) Page(string? limit, string? cursor)
    {
        if (limit is null && cursor is null) return (null, null);
        var errors = new List<FieldError>();
        var take = QueryValues.Number(limit, nameof(limit), 1, DevelopmentsApi.MaxPage, absent: DevelopmentsApi.MaxPage, errors);
        TimelineCursor? after = null;
        if (cursor is not null)
        {
            if (TimelineCursor.TryParse(cursor, out var parsed)) after = parsed;
            else errors.Add(new("cursor", "Not a cursor this timeline gave out: pass the `next` of the page before, unchanged."));
        }
        return errors.Count > 0 ? (null, Problems.Invalid(errors)) : (new TimelinePage(take, after), null);
    }

    private static ProblemHttpResult NoChannel(string id, ReadModel model) =>
        Problems.NotFound(model.Board.Catalog.Unknown(id));

    /// <summary>
    /// asOf: a date (default today; a partial date means its first day). knownAt: an ISO 8601 instant, a date and a
    /// time with Z or an offset (default now): a date alone or a local time would leave open which instant is meant.
    /// reportedBy: a date (default: whatever was published).
    /// </summary>
    public static (Moment At, ProblemHttpResult? Problem) Parse(string? asOf, string? knownAt, string? reportedBy, DateOnly today)
    {
        var day = today;
        if (asOf is not null)
        {
            if (!PartialDate.TryParse(asOf, out var date, out var error)) return (default, Problems.Invalid("asOf", error));
            day = date.Start;
        }
        DateOnly? reported = null;
        if (reportedBy is not null)
        {
            if (!PartialDate.TryParse(reportedBy, out var date, out var error)) return (default, Problems.Invalid("reportedBy", error));
            reported = date.Start;
        }
        if (knownAt is null) return (new Moment(day, null, reported), null);
        return DateTimeOffset.TryParseExact(knownAt, Instant, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? (new Moment(day, at, reported), null)
            : (default, Problems.Invalid("knownAt",
                $"{SafeText.Quote(knownAt)} is not an ISO 8601 instant with its offset, "
                + "e.g. 2024-03-01T12:00:00Z or 2024-03-01T20:00:00+08:00."));
    }

    /// <summary>yyyy-MM-ddTHH:mm:ss, optional fractions of a second, then Z or ±hh:mm.</summary>
    private static readonly string[] Instant = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];
}
