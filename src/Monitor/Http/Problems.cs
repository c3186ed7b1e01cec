using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Recording;

namespace Monitor.Http;

/// <summary>How refusals look on the wire: RFC 9457 problem+json, naming the field at fault where there is one.</summary>
public static class Problems
{
    /// <summary>How many errors one answer lists: a body naming 10,000 bad channels gets a short answer, not a long one.</summary>
    public const int MaxErrors = 20;

    // Every refusal is one typed result, ProblemHttpResult, so an endpoint's answers read as Results<Ok<T>, ProblemHttpResult>.

    public static ProblemHttpResult Invalid(IEnumerable<FieldError> errors)
    {
        var all = errors.ToList();
        return TypedResults.Problem(new HttpValidationProblemDetails(
            all.Take(MaxErrors).GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Title = "The request has invalid fields.",
            Status = StatusCodes.Status400BadRequest,
            Detail = all.Count > MaxErrors
                ? $"The first {MaxErrors} of {all.Count:N0} errors are listed: correct them to see the rest." : null,
        });
    }

    public static ProblemHttpResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static ProblemHttpResult NotFound(string what) => TypedResults.Problem(title: "Not found.", detail: what, statusCode: 404);

    public static ProblemHttpResult Conflict(string detail, string? type = null, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: "Conflict with what is recorded.", detail: detail, statusCode: 409, type: type, extensions: extensions);

    /// <summary>The refusal for a decision that wrote nothing; null for an accepted one.</summary>
    /// <param name="describe">How to show the developments a possible duplicate names.</param>
    public static ProblemHttpResult? For(Decision decision, Func<IReadOnlyList<Guid>, object>? describe = null) => decision switch
    {
        Decision.Invalid invalid => Invalid(invalid.Errors),
        Decision.Duplicate duplicate => Conflict($"This development is already recorded as {duplicate.ExistingId}.", "duplicate",
            new() { ["existing"] = duplicate.ExistingId }),
        Decision.PossibleDuplicate possible => Conflict(
            "A live development of the same kind, on a shared channel, in an overlapping period may be this same event. "
            + "If it is, add your report to it (POST /api/developments/{id}/sources); if not, send again with "
            + "\"distinctFrom\": [the candidates' ids].", "possible-duplicate",
            new() { ["candidates"] = describe?.Invoke(possible.Candidates) ?? possible.Candidates }),
        Decision.NotFound notFound => NotFound($"No development {notFound.Id}."),
        Decision.Conflict conflict => Conflict(conflict.Reason),
        _ => null,
    };
}
