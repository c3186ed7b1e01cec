using System.CommandLine;
using System.Text.Json;
using Monitor.Json;
using Monitor.Recording;

namespace Monitor.Cli;

/// <summary>status, timeline, record, retract: each one request to a running server. The options and helpers are shared with <see cref="AlertCommands"/>.</summary>
public static class ClientCommands
{
    internal static readonly Option<string> Server = new("--server")
    {
        Description = "The monitor's address (default $MONITOR_URL or http://localhost:5000).",
        DefaultValueFactory = _ => MonitorClient.DefaultServer,
        Recursive = true,
    };

    internal static readonly Option<string?> Key = new("--key") { Description = "Analyst key (default $MONITOR_KEY, else ./data/analyst-key)." };
    internal static readonly Option<bool> Json = new("--json") { Description = "Print the server's JSON instead of a table." };
    private static readonly Option<string?> KnownAt = new("--known-at") { Description = "What the monitor knew at this instant (ISO-8601, e.g. 2024-03-01T00:00:00Z)." };

    public static IEnumerable<Command> All() => [Status(), Timeline(), Record(), Retract()];

    private static Command Status()
    {
        var asOf = new Option<string?>("--as-of") { Description = "The date to report (YYYY-MM-DD; default today)." };
        var command = new Command("status", "Each channel's status, on a date, as known at an instant.") { asOf, KnownAt, Json, Server };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var json = await client.GetAsync("/api/channels" + Query(("asOf", parsed.GetValue(asOf)), ("knownAt", parsed.GetValue(KnownAt))), ct);
            Print(parsed, json, () => Output.StatusTable(json));
        }));
        return command;
    }

    private static Command Timeline()
    {
        var channel = new Argument<string>("channel") { Description = "A channel id, e.g. military." };
        var command = new Command("timeline", "A channel's status intervals and the developments behind them.") { channel, KnownAt, Json, Server };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var json = await client.GetAsync($"/api/channels/{Uri.EscapeDataString(parsed.GetValue(channel)!)}/timeline"
                + Query(("knownAt", parsed.GetValue(KnownAt))), ct);
            Print(parsed, json, () => Output.Timeline(json));
        }));
        return command;
    }

    private static Command Record()
    {
        var file = new Option<FileInfo?>("--file") { Description = "A JSON development (as POST /api/developments takes); '-' reads standard input." };
        var channels = new Option<string[]>("--channel") { Description = "A channel it bears on (repeat for more).", AllowMultipleArgumentsPerToken = true };
        var kind = new Option<string?>("--kind") { Description = "suspended, restoration-requested, declined, restoration-agreed, contact-planned, contact-held or context." };
        var occurredOn = new Option<string?>("--occurred-on") { Description = "YYYY, YYYY-MM or YYYY-MM-DD." };
        var summary = new Option<string?>("--summary");
        var actors = new Option<string[]>("--actor") { Description = "Someone involved (repeat for more)." };
        var title = new Option<string?>("--source-title");
        var publisher = new Option<string?>("--source-publisher");
        var url = new Option<string?>("--source-url");
        var publishedOn = new Option<string?>("--source-published-on");
        var evidence = new Option<string?>("--evidence") { Description = "The short sentence from the source that bears it out." };
        var command = new Command("record", "Record a development, from a file or from flags.")
        {
            file, channels, kind, occurredOn, summary, actors, title, publisher, url, publishedOn, evidence, Key, Json, Server,
        };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var draft = parsed.GetValue(file) is { } f ? ReadDraft(f) : new DevelopmentDraft(
                parsed.GetValue(channels) ?? [], parsed.GetValue(kind), parsed.GetValue(occurredOn), parsed.GetValue(summary), parsed.GetValue(actors),
                [new SourceDraft(parsed.GetValue(title), parsed.GetValue(publisher), parsed.GetValue(url), parsed.GetValue(publishedOn), parsed.GetValue(evidence))]);
            var json = await client.PostAsync("/api/developments", draft, ct);
            Print(parsed, json, () => Console.WriteLine($"Recorded {json.GetProperty("id").GetString()}."));
        }));
        return command;
    }

    private static Command Retract()
    {
        var id = new Argument<Guid>("id") { Description = "The development to retract." };
        var reason = new Option<string>("--reason") { Description = "Why it is withdrawn.", Required = true };
        var command = new Command("retract", "Retract a development: it stays in the log but no longer bears on any status.") { id, reason, Key, Json, Server };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var json = await client.PostAsync($"/api/developments/{parsed.GetValue(id)}/retraction", new RetractionRequest(parsed.GetValue(reason)), ct);
            Print(parsed, json, () => Console.WriteLine($"Retracted {parsed.GetValue(id)}."));
        }));
        return command;
    }

    internal static async Task<int> Run(ParseResult parsed, Func<MonitorClient, Task> action)
    {
        try
        {
            using var client = new MonitorClient(new Uri(parsed.GetValue(Server)!), MonitorClient.FindKey(parsed.GetValue(Key)));
            await action(client);
            return 0;
        }
        catch (CliException error)
        {
            await Console.Error.WriteLineAsync(error.Message);
            return error.ExitCode;
        }
    }

    private static DevelopmentDraft ReadDraft(FileInfo file)
    {
        try
        {
            using var stream = file.Name == "-" ? Console.OpenStandardInput() : file.OpenRead();
            return JsonSerializer.Deserialize<DevelopmentDraft>(stream, MonitorJson.Options) ?? throw new CliException($"{file.Name} holds no development.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException($"Cannot read {file.FullName}: {error.Message}");
        }
    }

    internal static void Print(ParseResult parsed, JsonElement json, Action table)
    {
        if (parsed.GetValue(Json)) Console.WriteLine(JsonSerializer.Serialize(json, new JsonSerializerOptions(MonitorJson.Options) { WriteIndented = true }));
        else table();
    }

    internal static string Query(params (string Name, string? Value)[] pairs)
    {
        var given = pairs.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
