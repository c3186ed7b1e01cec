using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Auth;
using Monitor.Http;
using Monitor.Projections;

namespace Monitor.Recording;

public static class DevelopmentsApi
{
    public const int MaxPage = 500;

    public static void MapDevelopmentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/developments", List).RequireRateLimiting(ReadAdmission.Policy).ProducesProblem(400)
            .WithSummary("Developments, newest-dated first, filtered by channel, kind, dates and text; as CSV with Accept: text/csv.");
        api.MapGet("/developments/export", Export).RequireRateLimiting(ReadAdmission.Policy).ProducesProblem(400)
            .WithSummary("Every development matching the filters, as a file: format=json (default) or csv.");
        api.MapGet("/developments/stream", DevelopmentStream.Open)
            .WithSummary("Server-sent events: one `changed` event on connecting, then one after each change to the developments.");
        api.MapGet("/developments/{id:guid}", One).RequireRateLimiting(ReadAdmission.Policy).ProducesProblem(404)
            .WithSummary("One development, with its corrections, added sources and retraction.");
        api.MapPost("/developments", Record).RequireAuthorization(Roles.Analyst).ProducesProblem(400).ProducesProblem(409)
            .WithSummary("Record a development (analyst key): 201, 400 naming the field, 409 duplicate or possible-duplicate.");
        api.MapPost("/developments/{id:guid}/sources", AddSource).RequireAuthorization(Roles.Analyst).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Add another report of the same event (analyst key).");
        api.MapPost("/developments/{id:guid}/retraction", Retract).RequireAuthorization(Roles.Analyst).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Retract a development, with a reason (analyst key).");
        api.MapPost("/developments/{id:guid}/correction", Correct).RequireAuthorization(Roles.Analyst).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Correct a development: its facts as they should read, and a reason (analyst key).");
    }

    private static Results<Ok<DevelopmentView>, ProblemHttpResult> One(Guid id, ReadModel model) =>
        model.Read(m => m.Developments.Find(id)) is { } found
            ? TypedResults.Ok(DevelopmentView.Of(found)) : Problems.NotFound($"No development {id}.");

    private static Results<Ok<DevelopmentPage>, PushStreamHttpResult, ProblemHttpResult> List(HttpRequest request, ReadModel model, string? channel, string? kind, string? from, string? to,
        string? text, string? includeRetracted, string? offset, string? limit, string? cursor)
    {
        var errors = new List<FieldError>();
        ListCursor? after = null;
        if (cursor is not null)
        {
            if (ListCursor.TryParse(cursor, out var parsed)) after = parsed;
            else errors.Add(new("cursor", "Not a cursor this list gave out: pass the `next` of the page before, unchanged."));
            if (offset is not null) errors.Add(new("offset", "Page by cursor or by offset, not both."));
        }
        var matches = Matching(model, channel, kind, from, to, text, includeRetracted, errors);
        var skip = QueryValues.Number(offset, nameof(offset), 0, int.MaxValue, absent: 0, errors);
        var take = QueryValues.Number(limit, nameof(limit), 1, MaxPage, absent: 50, errors);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var page = after is null
            ? PageByOffset(ListTurns.Matches(model, matches!.Admits, null, shown: i => i >= skip && i - skip < take), skip, take, model.Read(matches.Total))
            : PageByCursor(ListTurns.Matches(model, matches!.Admits, after, shown: _ => true), take);
        return DevelopmentExport.WantsCsv(request) ? DevelopmentExport.Csv(page.Items) : TypedResults.Ok(page);
    }

    /// <summary>
    /// One page and the number of matches, in one pass that keeps only the page (<paramref name="matches"/> shows only its
    /// developments). When the number is known already (<paramref name="total"/>: the list unfiltered), the pass stops at
    /// the page, so polling the first page costs a page.
    /// </summary>
    private static DevelopmentPage PageByOffset(IEnumerable<DevelopmentView?> matches, int skip, int take, int? total)
    {
        var items = new List<DevelopmentView>(Math.Min(take, 64));
        var counted = 0;
        foreach (var match in matches)
        {
            if (match is not null) items.Add(match);
            counted++;
            if (total is not null && items.Count == take) break;
        }
        var all = total ?? counted;
        var next = items.Count > 0 && skip + items.Count < all ? ListCursor.After(items[^1]).ToString() : null;
        return new DevelopmentPage(all, skip, take, items, next);
    }

    /// <summary>The page after a cursor: a seek and as many matches as the page holds, however long the list.</summary>
    private static DevelopmentPage PageByCursor(IEnumerable<DevelopmentView?> matches, int take)
    {
        var page = matches.Take(take + 1).Select(view => view!).ToList();
        var next = page.Count > take ? ListCursor.After(page[take - 1]).ToString() : null;
        return new DevelopmentPage(null, null, take, page.Take(take).ToList(), next);
    }

    /// <summary>Every match, as a file: CSV or JSON, read as it is written (<see cref="DevelopmentExport.Every"/>).</summary>
    private static Results<PushStreamHttpResult, ProblemHttpResult> Export(ReadModel model, string? format, string? channel, string? kind, string? from, string? to,
        string? text, string? includeRetracted)
    {
        var errors = new List<FieldError>();
        var matches = Matching(model, channel, kind, from, to, text, includeRetracted, errors);
        if (format is not (null or "csv" or "json")) errors.Add(new("format", $"{SafeText.Quote(format)} is not csv or json."));
        if (errors.Count > 0) return Problems.Invalid(errors);
        var all = DevelopmentExport.Every(model, matches!.Admits);
        return format == "csv" ? DevelopmentExport.Csv(all, "developments.csv") : DevelopmentExport.Json(all, "developments.json");
    }

    /// <summary>The filters, checked (errors added for those at fault); null when any is.</summary>
    private static ListQuery? Matching(ReadModel model, string? channel, string? kind,
        string? from, string? to, string? text, string? includeRetracted, List<FieldError> errors)
    {
        var filter = DevelopmentFilter.Parse(channel, kind, from, to, model.Board.Catalog, text);
        errors.AddRange(filter.Errors);
        var withRetracted = QueryValues.Flag(includeRetracted, nameof(includeRetracted), absent: true, errors);
        return errors.Count > 0 ? null : new ListQuery(filter, withRetracted);
    }

    private sealed record ListQuery(DevelopmentFilter Filter, bool WithRetracted)
    {
        public bool Admits(DevelopmentRecord d) => (WithRetracted || d.Retraction is null) && Filter.Matches(d);

        /// <summary>The number of matches when known without counting them: every development, when nothing is filtered out.</summary>
        public int? Total(ReadModel m) => WithRetracted && Filter.IsEmpty ? m.Developments.Count : null;
    }

    private static async Task<Results<Created<DevelopmentView>, Ok<DevelopmentView>, ProblemHttpResult>> Record(HttpRequest request, LedgerWriter writer, ReadModel model, CancellationToken ct)
    {
        var (draft, problem) = await JsonBody.ReadAsync<DevelopmentDraft>(request, ct);
        if (problem is not null) return problem;
        return Written(await writer.RecordAsync(draft!, ct), model, created: true);
    }

    private static async Task<Results<Created<DevelopmentView>, Ok<DevelopmentView>, ProblemHttpResult>> AddSource(Guid id, HttpRequest request, LedgerWriter writer, ReadModel model, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AddSourceRequest>(request, ct);
        if (problem is not null) return problem;
        return Written(await writer.AddSourceAsync(id, body!.Source, ct), model, created: false);
    }

    private static async Task<Results<Created<DevelopmentView>, Ok<DevelopmentView>, ProblemHttpResult>> Retract(Guid id, HttpRequest request, LedgerWriter writer, ReadModel model, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RetractionRequest>(request, ct);
        if (problem is not null) return problem;
        return Written(await writer.RetractAsync(id, body!.Reason, ct), model, created: false);
    }

    private static async Task<Results<Created<DevelopmentView>, Ok<DevelopmentView>, ProblemHttpResult>> Correct(Guid id, HttpRequest request, LedgerWriter writer, ReadModel model, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CorrectionRequest>(request, ct);
        if (problem is not null) return problem;
        if (body!.Development is null) return Problems.Invalid("development", "Give the development's facts as they should now read.");
        return Written(await writer.CorrectAsync(id, body.Development, body.Reason, ct), model, created: false);
    }

    /// <summary>201 with the new development, 200 with the changed one, or the refusal.</summary>
    private static Results<Created<DevelopmentView>, Ok<DevelopmentView>, ProblemHttpResult> Written(WriteOutcome outcome, ReadModel model, bool created)
    {
        if (Problems.For(outcome.Decision, ids => model.Read(m => ids.Select(c => DevelopmentView.Of(m.Developments.Find(c)!)).ToList()))
            is { } refusal) return refusal;
        var id = ((Decision.Accepted)outcome.Decision).Event.DevelopmentId;
        var view = model.Read(m => DevelopmentView.Of(m.Developments.Find(id)!));
        return created ? TypedResults.Created($"/api/developments/{id}", view) : TypedResults.Ok(view);
    }
}
