using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.EventStore;
using Monitor.EventStore.Sqlite;
using Monitor.Maintenance;

namespace Monitor.Cli;

/// <summary>`monitor verify`, `monitor backup` and `monitor migrate`: they work on the store's file, from outside a server.</summary>
public static class StoreCommands
{
    public static IEnumerable<Command> All() => [Verify(), Backup(), MigrateCommand.Create()];

    private static Command Verify()
    {
        var data = DataOption();
        var command = new Command("verify",
            "Check the store: SQLite's integrity check, every event decoded, positions without gaps, each stream's revisions in sequence.")
        {
            data,
        };
        command.SetAction(parsed =>
        {
            var path = StorePath(parsed.GetValue(data));
            var (summary, problem) = StoreVerification.Verify(path);
            if (summary is null) return Fail("verify", problem!);
            Print($"{path} is whole.", summary);
            return 0;
        });
        return command;
    }

    private static Command Backup()
    {
        var file = new Argument<string>("FILE") { Description = "Where to write the copy: a new file, readable by its owner only." };
        var data = DataOption();
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace FILE if it exists." };
        var command = new Command("backup", "Copy the store consistently, while the server runs or not, and verify the copy.") { file, data, overwrite };
        command.SetAction(parsed =>
        {
            var source = StorePath(parsed.GetValue(data));
            var destination = Path.GetFullPath(parsed.GetValue(file)!);
            try
            {
                Print($"Copied {source} to {destination}.", StoreBackup.Copy(source, destination, parsed.GetValue(overwrite)));
                return 0;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or StoreDamagedException or SqliteException)
            {
                return Fail("backup", error.Message);
            }
        });
        return command;
    }

    private static Option<string?> DataOption() => new("--data")
    {
        Description = "The data folder holding the store (monitor.db); default Monitor:DataDirectory, as serve reads it, else ./data.",
    };

    /// <summary>The store in <paramref name="data"/>, or in the folder serve would use: the same settings, read the same way.</summary>
    private static string StorePath(string? data) => Path.Combine(ConfigurationArguments.DataFolder(ConfigurationArguments.Read(data, [])), SqliteEventStore.FileName);

    private static int Fail(string command, string problem)
    {
        Console.Error.WriteLine($"monitor {command}: {problem}");
        return 1;
    }

    private static void Print(string headline, StoreSummary summary)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(headline);
        Console.WriteLine(string.Create(culture, $"  events        {summary.Events:N0}, at positions 1 to {summary.Events:N0}, none missing"));
        Console.WriteLine(string.Create(culture, $"  developments  {summary.Developments:N0}"));
        Console.WriteLine(string.Create(culture, $"  streams       {summary.Streams:N0}"));
        if (summary.FirstRecorded is { } first)
            Console.WriteLine(string.Create(culture, $"  recorded      {first:u} to {summary.LastRecorded:u}"));
    }
}
