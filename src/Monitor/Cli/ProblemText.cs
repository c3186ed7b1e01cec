using System.Text.Json;

namespace Monitor.Cli;

/// <summary>A refusal (RFC 9457 problem+json) as a person at a terminal should read it: each field's reasons, and what to do next.</summary>
public static class ProblemText
{
    public static string Describe(int status, JsonElement problem)
    {
        if (problem.ValueKind != JsonValueKind.Object) return $"The server answered {status}.";
        var candidates = problem.TryGetProperty("candidates", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().ToList() : null;
        // A possible duplicate's detail tells an API client what to send; the CLI says which commands do that instead.
        var detail = candidates is null ? Output.Text(problem, "detail") : "";
        var lines = new List<string> { $"{status}: {Output.Text(problem, "title")} {detail}".TrimEnd() };
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            lines.AddRange(errors.EnumerateObject().SelectMany(f => f.Value.EnumerateArray()
                .Select(m => $"  {SafeText.Visible(f.Name)}: {SafeText.Visible(m.GetString() ?? "")}")));
        if (candidates is { Count: > 0 }) lines.AddRange(PossibleDuplicate(candidates));
        if (status == 401) lines.Add("Pass --key or set MONITOR_KEY; a server with no key configured keeps its own in ~/.config/monitor/analyst-key.");
        return string.Join('\n', lines);
    }

    private static IEnumerable<string> PossibleDuplicate(List<JsonElement> candidates)
    {
        yield return "It may be the same event as what is already recorded:";
        foreach (var candidate in candidates)
            yield return $"  {Output.Text(candidate, "id")}  {Output.Text(candidate, "occurredOnText")}  {Output.Text(candidate, "kind")}  {Output.Text(candidate, "summary")}";
        var ids = candidates.Select(candidate => Output.Text(candidate, "id")).ToList();
        yield return "If it is, add your report to it instead:";
        yield return $"  monitor add-source {ids[0]} --title ... --publisher ... --published-on ... --evidence ... [--url ...]";
        yield return "If it is not, run the same command again with "
            + string.Join(' ', ids.Select(id => $"--distinct-from {id}")) + ".";
    }
}
