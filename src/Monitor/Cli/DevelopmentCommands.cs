using System.CommandLine;
using System.Globalization;
using Monitor.Recording;
using static Monitor.Cli.ClientCommands;

namespace Monitor.Cli;

/// <summary>developments, retract: listing what is recorded, and withdrawing it.</summary>
public static class DevelopmentCommands
{
    public static IEnumerable<Command> All() => [Developments(), Retract()];

    private static Command Developments()
    {
        var channel = new Option<string?>("--channel") { Description = "Only those bearing on this channel." };
        var kind = new Option<string?>("--kind") { Description = $"Only this kind: {DevelopmentOptions.Kinds}." };
        var from = new Option<string?>("--from") { Description = "Only those that may have happened on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)." };
        var to = new Option<string?>("--to") { Description = "Only those that may have happened on or before this date (its whole period counts: 2023 is to 31 Dec)." };
        var includeRetracted = new Option<bool>("--include-retracted") { Description = "Show retracted ones too." };
        var offset = new Option<int?>("--offset") { Description = "Skip this many (for the next page)." };
        var limit = new Option<int?>("--limit") { Description = "Show at most this many (default 50)." };
        var command = new Command("developments", "The recorded developments, newest-dated first, with their ids.")
        {
            channel, kind, from, to, includeRetracted, offset, limit, Key, ClientCommands.Json, Server,
        };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var json = await client.GetAsync("/api/developments" + Query(
                ("channel", parsed.GetValue(channel)), ("kind", parsed.GetValue(kind)), ("from", parsed.GetValue(from)), ("to", parsed.GetValue(to)),
                ("includeRetracted", parsed.GetValue(includeRetracted) ? "true" : "false"),
                ("offset", Number(parsed.GetValue(offset))), ("limit", Number(parsed.GetValue(limit)))), ct);
            Print(parsed, json, () => Output.Developments(json));
        }));
        return command;
    }

    private static Command Retract()
    {
        var id = new Argument<Guid>("id") { Description = "The development to retract." };
        var reason = new Option<string>("--reason") { Description = "Why it is withdrawn.", Required = true };
        var command = new Command("retract", "Retract a development: it stays in the log but no longer bears on any status.") { id, reason, Key, ClientCommands.Json, Server };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var json = await client.PostAsync($"/api/developments/{parsed.GetValue(id)}/retraction", new RetractionRequest(parsed.GetValue(reason)), ct);
            Print(parsed, json, () => Console.WriteLine($"Retracted {parsed.GetValue(id)}."));
        }));
        return command;
    }

    private static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);
}
