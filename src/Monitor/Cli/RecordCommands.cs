using System.CommandLine;
using System.Text.Json;
using Monitor.Json;
using Monitor.Recording;
using static Monitor.Cli.ClientCommands;

namespace Monitor.Cli;

/// <summary>record, add-source, correct: writing what is reported, from flags or a JSON file (flags given with a file replace its fields).</summary>
public static class RecordCommands
{
    private static readonly DevelopmentOptions Facts = new();

    public static IEnumerable<Command> All() => [Record(), AddSource(), Correct()];

    private static Command Record()
    {
        var file = FileOption("A JSON development, as POST /api/developments takes it");
        var distinctFrom = new Option<Guid[]>("--distinct-from")
        {
            Description = "A recorded development you have checked is another event, when the monitor asks (repeat for more).",
        };
        var command = new Command("record", "Record a development, from flags or from a file.")
            .With([.. Facts.All, distinctFrom, file, Key, ClientCommands.Json, Server]);
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var basis = parsed.GetValue(file) is { } f ? ReadJson<DevelopmentDraft>(f) : DevelopmentOptions.Empty;
            var draft = Facts.Overlay(parsed, basis) with { DistinctFrom = parsed.Given(distinctFrom) ?? basis.DistinctFrom };
            var json = await client.PostAsync("/api/developments", draft, ct);
            Print(parsed, json, () => Console.WriteLine($"Recorded {Output.Describe(json)}."));
        }));
        return command;
    }

    private static Command AddSource()
    {
        var id = new Argument<Guid>("id") { Description = "The development this is another report of." };
        var file = FileOption("A JSON source: {title, publisher, url?, publishedOn, evidence, syndicatedFrom?}");
        var report = new SourceOptions("--");
        var command = new Command("add-source", "Add another report of a recorded development: it may corroborate it.") { id }
            .With([.. report.All, file, Key, ClientCommands.Json, Server]);
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var source = report.Overlay(parsed, parsed.GetValue(file) is { } f ? ReadJson<SourceDraft>(f) : null);
            var json = await client.PostAsync($"/api/developments/{parsed.GetValue(id)}/sources", new AddSourceRequest(source), ct);
            Print(parsed, json, () => Console.WriteLine($"Added to {parsed.GetValue(id)}: {json.GetProperty("sources").GetArrayLength()} sources, "
                + $"corroboration {json.GetProperty("corroboration").GetInt32()} (independent publishers)."));
        }));
        return command;
    }

    private static Command Correct()
    {
        var id = new Argument<Guid>("id") { Description = "The development to correct." };
        var reason = new Option<string>("--reason") { Description = "What was wrong.", Required = true };
        var file = FileOption("The development's facts in full as they should read: as record --file takes, or as developments --json shows one "
            + "(its other fields are ignored); without it, the facts as recorded");
        var command = new Command("correct", "Correct a development: the flags given replace those fields; the rest stay as recorded.") { id }
            .With([reason, .. Facts.All, file, Key, ClientCommands.Json, Server]);
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var path = $"/api/developments/{parsed.GetValue(id)}";
            var f = parsed.GetValue(file);
            if (f is null && !parsed.AnyGiven(Facts.All))
                throw new CliException("Nothing to correct: give the fields that change (e.g. --occurred-on 2023-09/2023-12), or --file.");
            var basis = f is not null ? ReadJson<DevelopmentDraft>(f, strict: false) : Recorded(await client.GetAsync(path, ct));
            var json = await client.PostAsync(path + "/correction", new CorrectionRequest(parsed.GetValue(reason), Facts.Overlay(parsed, basis)), ct);
            Print(parsed, json, () => Console.WriteLine($"Corrected {Output.Describe(json)}."));
        }));
        return command;
    }

    /// <summary>A development as the server shows it, back as the draft it would be recorded from: the fields share their names.</summary>
    private static DevelopmentDraft Recorded(JsonElement view) =>
        view.Deserialize<DevelopmentDraft>(MonitorJson.Options) ?? throw new CliException("The server sent no development.");
}
