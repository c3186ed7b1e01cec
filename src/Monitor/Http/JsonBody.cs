using System.Text.Json;
using Monitor.Json;

namespace Monitor.Http;

/// <summary>Reads a request body as JSON with a size cap, turning every way it can be wrong into a problem naming where.</summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (null, Problems.Invalid("body", "Send a JSON object."));
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), MonitorJson.Strict);
            return value is null ? (null, Problems.Invalid("body", "Send a JSON object, not null.")) : (value, null);
        }
        catch (JsonException error)
        {
            var field = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "body" : error.Path.TrimStart('$', '.');
            return (null, Problems.Invalid(field, "Not valid JSON here: " + FirstSentence(error.Message)));
        }
    }

    private static IResult TooLarge() => Results.Problem(title: "Request body too large.",
        detail: $"Send at most {MaxBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0];
}
