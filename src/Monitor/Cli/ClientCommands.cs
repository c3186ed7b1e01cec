using System.CommandLine;
using System.Text.Json;
using Monitor.Json;

namespace Monitor.Cli;

/// <summary>
/// What every client command shares: --server, --key, --json, running one request and printing its answer.
/// The commands themselves are in <see cref="ChannelCommands"/>, <see cref="DevelopmentCommands"/>,
/// <see cref="RecordCommands"/> and <see cref="AlertCommands"/>.
/// </summary>
public static class ClientCommands
{
    internal static readonly Option<string> Server = new("--server")
    {
        Description = "The monitor's address (default $MONITOR_URL or http://localhost:5000).",
        DefaultValueFactory = _ => MonitorClient.DefaultServer,
        Recursive = true,
    };

    internal static readonly Option<string?> Key = new("--key")
    {
        Description = "The key to send: an analyst key to write, a reader key where reads need one "
            + "(default $MONITOR_KEY, else the key serve made in ~/.config/monitor/analyst-key).",
    };
    internal static readonly Option<bool> Json = new("--json") { Description = "Print the server's JSON instead of a table." };

    /// <summary>The commands about channels and developments (alerts: <see cref="AlertCommands.All"/>).</summary>
    public static IEnumerable<Command> All() => [.. ChannelCommands.All(), .. DevelopmentCommands.All(), .. RecordCommands.All()];

    internal static async Task<int> Run(ParseResult parsed, Func<MonitorClient, Task> action)
    {
        try
        {
            var address = parsed.GetValue(Server)!;
            if (!Uri.TryCreate(address, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
                throw new CliException($"--server {address} is not an http(s) address: give one such as http://localhost:5000.", 1);
            using var client = new MonitorClient(server, MonitorClient.FindKey(parsed.GetValue(Key), server));
            await action(client);
            return 0;
        }
        catch (CliException error)
        {
            // Its lines may quote the server, a file or a network error: each is shown, never acted on.
            await Console.Error.WriteLineAsync(string.Join('\n', error.Message.Split('\n').Select(SafeText.Visible)));
            return error.ExitCode;
        }
    }

    /// <summary>An option's value if it was given on the command line; null (default) if not.</summary>
    internal static T? Given<T>(this ParseResult parsed, Option<T> option) =>
        parsed.GetResult(option) is { Implicit: false } ? parsed.GetValue(option) : default;

    /// <summary>An optional field's new value: the one given, none if given empty (""), else <paramref name="unchanged"/>.</summary>
    internal static string? Optional(this ParseResult parsed, Option<string?> option, string? unchanged) =>
        parsed.GetResult(option) is { Implicit: false } ? parsed.GetValue(option) is { Length: > 0 } value ? value : null : unchanged;

    /// <summary>Adds options in the order given, so that a command's own flags come before the shared ones in its help.</summary>
    internal static Command With(this Command command, params IEnumerable<Option> options)
    {
        foreach (var option in options) command.Options.Add(option);
        return command;
    }

    internal static bool AnyGiven(this ParseResult parsed, IEnumerable<Option> options) => options.Any(o => parsed.GetResult(o) is { Implicit: false });

    /// <summary>A --file option: a JSON document to send, '-' for standard input.</summary>
    internal static Option<FileInfo?> FileOption(string what) => new("--file") { Description = $"{what}; '-' reads standard input." };

    /// <summary>The JSON in a --file, as <typeparamref name="T"/>.</summary>
    /// <param name="strict">Refuse fields <typeparamref name="T"/> does not have, as the server does a request body's, rather than drop a misspelt one.</param>
    internal static T ReadJson<T>(FileInfo file, bool strict = true) where T : class
    {
        try
        {
            using var stream = file.Name == "-" ? Console.OpenStandardInput() : file.OpenRead();
            return JsonSerializer.Deserialize<T>(stream, strict ? MonitorJson.Strict : MonitorJson.Options) ?? throw new CliException($"{file.Name} holds no JSON object.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException($"Cannot read {(file.Name == "-" ? "standard input" : file.FullName)}: {error.Message}");
        }
    }

    internal static void Print(ParseResult parsed, JsonElement json, Action table)
    {
        if (parsed.GetValue(Json)) Console.WriteLine(Output.Json(json));
        else table();
    }

    internal static string Query(params (string Name, string? Value)[] pairs)
    {
        var given = pairs.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
