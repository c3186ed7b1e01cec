using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.EventStore;
using Monitor.Maintenance;
using Npgsql;

namespace Monitor.Cli;

/// <summary>`monitor migrate`: the embedded store's history into the PostgreSQL database a server would then run on.</summary>
internal static class MigrateCommand
{
    private const long ProgressStep = 100_000;
    private const string Example = "--ConnectionStrings:Postgres='Host=localhost;Port=5432;Database=monitor;Username=monitor;Password=...'";

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "The data folder holding the store (default ./data, as for serve)." };
        var command = new Command("migrate", "Copy the embedded store's history in the data folder into the PostgreSQL database named by "
            + "ConnectionStrings:Postgres, every event as it was. Running it again copies only what the database lacks.")
        {
            data,
        };
        command.TreatUnmatchedTokensAsErrors = false; // configuration, as serve takes it: --ConnectionStrings:Postgres=...
        command.SetAction(async (parsed, ct) =>
        {
            if (ConfigurationArguments.Refusal("migrate", parsed.UnmatchedTokens) is { } refusal) return Fail(refusal);
            var configuration = ConfigurationArguments.Read(parsed.GetValue(data), parsed.UnmatchedTokens);
            var folder = ConfigurationArguments.DataFolder(configuration);
            var connectionString = configuration.GetConnectionString("Postgres");
            if (ConnectionProblem(connectionString) is { } problem) return Fail(problem);
            try
            {
                var result = await Migration.RunAsync(folder, connectionString!, Progress(), ct);
                Print(result, new NpgsqlConnectionStringBuilder(connectionString));
                return 0;
            }
            catch (Exception error) when (error is IOException or StoreDamagedException or StoreUnavailableException
                or HistoryConflictException or SqliteException)
            {
                return Fail(error.Message);
            }
        });
        return command;
    }

    private static string? ConnectionProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            return $"ConnectionStrings:Postgres is not set: name the database to copy into, in Npgsql format, e.g. {Example} "
                + "(or the environment variable ConnectionStrings__Postgres).";
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException error)
        {
            return $"ConnectionStrings:Postgres is not in Npgsql format ({error.Message}): write it as {Example}.";
        }
    }

    /// <summary>A line on stderr at every 100,000 events, so a long history shows it is moving.</summary>
    private static Action<long, long> Progress()
    {
        long shown = 0;
        return (done, total) =>
        {
            if (done / ProgressStep <= shown / ProgressStep) return;
            shown = done;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"monitor migrate: {done:N0} of {total:N0} events"));
        };
    }

    private static void Print(MigrationResult result, NpgsqlConnectionStringBuilder target)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine($"Migrated {result.StorePath} to PostgreSQL ({target.Host}:{target.Port}, database '{target.Database}').");
        Console.WriteLine(string.Create(culture, $"  copied         {result.Import.Copied:N0} events"));
        Console.WriteLine(string.Create(culture, $"  already there  {result.Import.AlreadyThere:N0} events"));
        Console.WriteLine(string.Create(culture, $"  head           position {result.Import.Head:N0}"));
    }

    private static int Fail(string problem)
    {
        Console.Error.WriteLine("monitor migrate: " + problem);
        return 1;
    }
}
