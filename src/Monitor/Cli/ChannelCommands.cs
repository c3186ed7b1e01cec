using System.CommandLine;
using static Monitor.Cli.ClientCommands;

namespace Monitor.Cli;

/// <summary>status and timeline: a channel's state, asked at a moment given by three questions (in the world, recorded, published).</summary>
public static class ChannelCommands
{
    private static readonly Option<string?> AsOf = new("--as-of") { Description = "The day in the world to report on (YYYY-MM-DD; default today)." };
    private static readonly Option<string?> KnownAt = new("--known-at") { Description = "What the monitor had recorded by this instant (ISO-8601, e.g. 2024-03-01T00:00:00Z)." };
    private static readonly Option<string?> ReportedBy = new("--reported-by")
    {
        Description = "Only what had been published by this day (YYYY-MM-DD): the history as the press knew it then.",
    };

    public static IEnumerable<Command> All() => [Status(), Timeline()];

    private static Command Status()
    {
        var command = new Command("status", "Each channel's status on a day, as recorded at an instant and as reported by a day.")
        {
            AsOf, KnownAt, ReportedBy, Key, ClientCommands.Json, Server,
        };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var json = await client.GetAsync("/api/channels" + Moment(parsed), ct);
            Print(parsed, json, () => Output.StatusTable(json));
        }));
        return command;
    }

    private static Command Timeline()
    {
        var channel = new Argument<string>("channel") { Description = "A channel id, e.g. military." };
        var command = new Command("timeline", "A channel's status intervals and the developments behind them.")
        {
            channel, AsOf, KnownAt, ReportedBy, Key, ClientCommands.Json, Server,
        };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var json = await client.GetAsync($"/api/channels/{Uri.EscapeDataString(parsed.GetValue(channel)!)}/timeline" + Moment(parsed), ct);
            Print(parsed, json, () => Output.Timeline(json));
        }));
        return command;
    }

    private static string Moment(ParseResult parsed) =>
        Query(("asOf", parsed.GetValue(AsOf)), ("knownAt", parsed.GetValue(KnownAt)), ("reportedBy", parsed.GetValue(ReportedBy)));
}
