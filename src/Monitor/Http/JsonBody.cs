using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Monitor.Json;

namespace Monitor.Http;

/// <summary>Reads a request body as JSON, turning every way it can be wrong into a problem naming where.</summary>
public static class JsonBody
{
    /// <summary>Kestrel's limit on any request body (see <see cref="HttpErrors"/> for the 413 past it).</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (body.StartsWith("\uFEFF"u8)) body = body[3..]; // a byte-order mark, as some editors and PowerShell send
        if (body.IsEmpty) return (null, Problems.Invalid("body", "Send a JSON object."));
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, MonitorJson.Strict);
            return value is null ? (null, Problems.Invalid("body", "Send a JSON object, not null.")) : (value, null);
        }
        catch (JsonException error)
        {
            var field = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "body" : error.Path.TrimStart('$', '.');
            var why = SafeText.Excerpt(FirstSentence(error.Message), 300); // the framework's words may quote a long input
            return (null, Problems.Invalid(SafeText.Excerpt(field), "Not valid JSON here: " + why));
        }
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0];
}
