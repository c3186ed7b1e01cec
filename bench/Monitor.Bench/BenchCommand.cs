using System.CommandLine;

namespace Monitor.Bench;

/// <summary>The bench's command line: the store and read models measured against raw SQLite; `alerts` times the alert path.</summary>
public static class BenchCommand
{
    public static RootCommand Create()
    {
        var events = new Option<int>("--events")
        {
            Description = "How many ledger events to fill the store with for the rebuild and query measurements.",
            DefaultValueFactory = _ => 1_000_000,
        };
        var data = new Option<string?>("--data")
        {
            Description = "Folder for the bench databases, kept afterwards; its bench-*.db from an earlier run are replaced (default: a fresh temp folder, deleted afterwards).",
        };
        var json = new Option<string?>("--json") { Description = "Also write the results to this file as JSON." };
        var command = new RootCommand("Measure the embedded store and read models against a raw SQLite baseline.") { events, data, json };
        command.SetAction((parsed, ct) => BenchRun.RunAsync(parsed.GetValue(events), parsed.GetValue(data), parsed.GetValue(json), ct));
        command.Subcommands.Add(Alerts());
        command.Subcommands.Add(Starts(json));
        command.Subcommands.Add(Postgres(json));
        return command;
    }

    private static Command Postgres(Option<string?> json)
    {
        var connection = new Option<string>("--connection")
        {
            Description = "A scratch PostgreSQL database, in Npgsql's format (the bench writes there: events and a raw table).",
            Required = true,
        };
        var command = new Command("postgres", "The store on PostgreSQL, beside raw Npgsql INSERTs, multi-row INSERTs and COPY.") { connection, json };
        command.SetAction((parsed, ct) => BenchRun.RunPostgresAsync(parsed.GetValue(connection)!, parsed.GetValue(json), ct));
        return command;
    }

    private static Command Starts(Option<string?> json)
    {
        var data = new Option<string>("--data")
        {
            Description = "The folder an earlier `--data` run kept: its filled ledger (bench-ledger) is started on again.",
            Required = true,
        };
        var command = new Command("starts", "Only the starts and restarts of a full run, on the ledger an earlier run kept: about five minutes.")
        {
            data, json,
        };
        command.SetAction((parsed, ct) => BenchRun.RunStartsAsync(parsed.GetValue(data)!, parsed.GetValue(json), ct));
        return command;
    }

    private static Command Alerts()
    {
        var changes = new Option<int>("--changes") { Description = "How many status changes to time.", DefaultValueFactory = _ => 300 };
        var settings = new Option<string[]>("--setting")
        {
            Description = "Server configuration as Key=Value, repeatable: e.g. Monitor:Store=postgres and ConnectionStrings:Postgres=... "
                + "to time the path on PostgreSQL, RabbitMQ (Monitor:Bus) and clustered Quartz (Monitor:Scheduler).",
        };
        var command = new Command("alerts", "Time from an acknowledged append to the webhook receiver, beside the append alone.") { changes, settings };
        command.SetAction((parsed, ct) => AlertLatency.RunAsync(parsed.GetValue(changes), parsed.GetValue(settings) ?? [], ct));
        return command;
    }
}
