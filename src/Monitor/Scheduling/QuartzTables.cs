using Monitor.EventStore;
using Monitor.EventStore.Postgres;
using Monitor.Hosting;
using Npgsql;

namespace Monitor.Scheduling;

/// <summary>Creates Quartz's job store tables (QuartzTables.sql, shipped inside the program) where they are missing.</summary>
internal static class QuartzTables
{
    /// <summary>Held while creating, so servers starting together do not race on the same table.</summary>
    private const long CreateLock = PostgresAppend.Lock + 2;

    /// <exception cref="StartRefusedException">The database cannot be reached, or refuses the user or the tables.</exception>
    public static void Create(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({CreateLock})", connection)) lockCommand.ExecuteNonQuery();
            using (var create = new NpgsqlCommand(Script(), connection)) create.ExecuteNonQuery();
            transaction.Commit();
        }
        catch (Exception error) when (PostgresErrors.Translate(error, settings, "the clustered scheduler (Monitor:Scheduler=postgres) cannot keep "
            + "its triggers") is StoreUnavailableException refusal)
        {
            throw new StartRefusedException(refusal.Message, error);
        }
    }

    private static string Script()
    {
        using var stream = typeof(QuartzTables).Assembly.GetManifestResourceStream("Monitor.Scheduling.QuartzTables.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
