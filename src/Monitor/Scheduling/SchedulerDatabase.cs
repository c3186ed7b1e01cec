using Monitor.EventStore;
using Monitor.EventStore.Postgres;
using Monitor.Hosting;
using Npgsql;

namespace Monitor.Scheduling;

/// <summary>
/// The clustered scheduler's database, tried before Quartz starts: Quartz would otherwise fail inside the host with a
/// stack trace, or retry forever. Reachable, the user accepted, and its tables there or creatable.
/// </summary>
internal static class SchedulerDatabase
{
    private const string Doing = "the clustered scheduler (Monitor:Scheduler=postgres) cannot keep its triggers";

    /// <exception cref="StartRefusedException">The database cannot be reached, refuses the user, or may not hold the tables.</exception>
    public static void Check(string connectionString)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            throw new StartRefusedException($"ConnectionStrings:Postgres is not in Npgsql format ({error.Message}): "
                + "write it as Host=...;Port=5432;Database=...;Username=...;Password=...", error);
        }
        bool usable;
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var check = new NpgsqlCommand(
                "SELECT COALESCE(to_regclass('qrtz_locks') IS NOT NULL OR has_schema_privilege(current_schema(), 'CREATE'), false)", connection);
            usable = (bool)check.ExecuteScalar()!;
        }
        catch (Exception error) when (PostgresErrors.Translate(error, settings, Doing) is StoreUnavailableException refusal)
        {
            throw new StartRefusedException(refusal.Message, error);
        }
        if (!usable)
        {
            throw new StartRefusedException($"{PostgresErrors.Where(settings)}: the user may not create Quartz's tables, so {Doing}: "
                + "make the user the database's owner, or name its owner in ConnectionStrings:Postgres.");
        }
    }
}
