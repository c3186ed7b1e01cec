using Monitor.Auth;
using Monitor.Http;
using Monitor.Projections;

namespace Monitor.Recording;

public static class DevelopmentsApi
{
    public const int MaxPage = 500;

    public static void MapDevelopmentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/developments", List);
        api.MapGet("/developments/stream", DevelopmentStream.Open);
        api.MapGet("/developments/{id:guid}", (Guid id, ReadModel model) =>
            model.Read(m => m.Developments.Find(id)) is { } found
                ? Results.Ok(DevelopmentView.Of(found)) : Problems.NotFound($"No development {id}."));
        api.MapPost("/developments", Record).RequireAuthorization(Roles.Analyst);
        api.MapPost("/developments/{id:guid}/sources", AddSource).RequireAuthorization(Roles.Analyst);
        api.MapPost("/developments/{id:guid}/retraction", Retract).RequireAuthorization(Roles.Analyst);
        api.MapPost("/developments/{id:guid}/correction", Correct).RequireAuthorization(Roles.Analyst);
    }

    private static IResult List(ReadModel model, string? channel, string? kind, string? from, string? to,
        string? text, string? includeRetracted, string? offset, string? limit)
    {
        var filter = DevelopmentFilter.Parse(channel, kind, from, to, model.Board.Catalog, text);
        var errors = filter.Errors.ToList();
        var withRetracted = QueryValues.Flag(includeRetracted, nameof(includeRetracted), absent: true, errors);
        var skip = QueryValues.Number(offset, nameof(offset), 0, int.MaxValue, absent: 0, errors);
        var take = QueryValues.Number(limit, nameof(limit), 1, MaxPage, absent: 50, errors);
        if (errors.Count > 0) return Problems.Invalid(errors);
        return Results.Ok(model.Read(m =>
        {
            var matching = m.Developments.ByDateDescending
                .Where(d => withRetracted || d.Retraction is null)
                .Where(filter.Matches)
                .ToList();
            return new DevelopmentPage(matching.Count, skip, take, matching.Skip(skip).Take(take).Select(DevelopmentView.Of).ToList());
        }));
    }

    private static async Task<IResult> Record(HttpRequest request, LedgerWriter writer, ReadModel model, CancellationToken ct)
    {
        var (draft, problem) = await JsonBody.ReadAsync<DevelopmentDraft>(request, ct);
        if (problem is not null) return problem;
        return Written(await writer.RecordAsync(draft!, ct), model, created: true);
    }

    private static async Task<IResult> AddSource(Guid id, HttpRequest request, LedgerWriter writer, ReadModel model, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AddSourceRequest>(request, ct);
        if (problem is not null) return problem;
        return Written(await writer.AddSourceAsync(id, body!.Source, ct), model, created: false);
    }

    private static async Task<IResult> Retract(Guid id, HttpRequest request, LedgerWriter writer, ReadModel model, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RetractionRequest>(request, ct);
        if (problem is not null) return problem;
        return Written(await writer.RetractAsync(id, body!.Reason, ct), model, created: false);
    }

    private static async Task<IResult> Correct(Guid id, HttpRequest request, LedgerWriter writer, ReadModel model, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CorrectionRequest>(request, ct);
        if (problem is not null) return problem;
        if (body!.Development is null) return Problems.Invalid("development", "Give the development's facts as they should now read.");
        return Written(await writer.CorrectAsync(id, body.Development, body.Reason, ct), model, created: false);
    }

    private static IResult Written(WriteOutcome outcome, ReadModel model, bool created)
    {
        if (Problems.For(outcome.Decision, ids => model.Read(m => ids.Select(c => DevelopmentView.Of(m.Developments.Find(c)!)).ToList()))
            is { } refusal) return refusal;
        var id = ((Decision.Accepted)outcome.Decision).Event.DevelopmentId;
        var view = model.Read(m => DevelopmentView.Of(m.Developments.Find(id)!));
        return created ? Results.Created($"/api/developments/{id}", view) : Results.Ok(view);
    }
}
