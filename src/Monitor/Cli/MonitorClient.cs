using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Hosting;
using Monitor.Json;

namespace Monitor.Cli;

/// <summary>A failure the CLI reports in one message, with the exit code it ends with.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The HTTP side of the client commands: sends, and turns problem+json into a readable message.</summary>
public sealed class MonitorClient(Uri server, string? key) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    public static string DefaultServer => Environment.GetEnvironmentVariable("MONITOR_URL") ?? "http://localhost:5000";

    /// <summary>
    /// --key, else $MONITOR_KEY, else the key a local server generated (see <see cref="AnalystKeyFile"/>): only for a server on
    /// this machine, as that key is this machine's server's and goes to no other.
    /// </summary>
    public static string? FindKey(string? given, Uri server)
    {
        if (!string.IsNullOrWhiteSpace(given)) return given;
        if (Environment.GetEnvironmentVariable("MONITOR_KEY") is { Length: > 0 } fromEnv) return fromEnv;
        return server.IsLoopback && AnalystKeyFile.DefaultPath is { } file && File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<JsonElement> PostAsync(string path, object body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: MonitorJson.Options) }, ct);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), ct);

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, ct);
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException error)
        {
            throw new CliException($"Cannot reach the monitor at {server}: {error.Message}\n"
                + "Start it with `dotnet run --project src/Monitor -- serve`, or point --server (or MONITOR_URL) at a running one.", 3);
        }
        catch (Exception error) when (error is TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            throw new CliException($"The monitor at {server} did not answer in {_http.Timeout.TotalSeconds:0} s ({error.Message}): "
                + "it may be busy replaying its log; try again shortly.", 3);
        }
        var json = Parse(text);
        if (response.IsSuccessStatusCode)
            return text.Length == 0 || json.ValueKind != JsonValueKind.Undefined ? json : throw new CliException($"The server answered {(int)response.StatusCode} with no JSON.", 2);
        throw new CliException(ProblemText.Describe((int)response.StatusCode, json), (int)response.StatusCode >= 500 ? 2 : 1);
    }

    /// <summary>The body as JSON; default (undefined) when empty or not JSON, e.g. a proxy's error page.</summary>
    private static JsonElement Parse(string text)
    {
        try
        {
            return text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    public void Dispose() => _http.Dispose();
}
