using Monitor.EventStore;
using Monitor.EventStore.Postgres;
using Monitor.EventStore.Sqlite;

namespace Monitor.Hosting;

/// <summary>The event store Monitor:Store names: the file in the data folder, or the database of ConnectionStrings:Postgres.</summary>
internal static class StoreAdapters
{
    private const string Example = "ConnectionStrings__Postgres='Host=localhost;Port=5432;Database=monitor;Username=monitor;Password=...'";

    /// <exception cref="StartRefusedException">The store is unknown, not named, or out of reach.</exception>
    /// <exception cref="StoreDamagedException">The embedded store is damaged, or was emptied.</exception>
    public static IEventStore Open(string store, IConfiguration configuration, string dataDirectory, IServiceProvider services) => store switch
    {
        "sqlite" => new SqliteEventStore(Path.Combine(dataDirectory, SqliteEventStore.FileName), services.GetRequiredService<TimeProvider>()),
        "postgres" => OpenPostgres(configuration.GetConnectionString("Postgres"), services.GetRequiredService<ILogger<PostgresEventStore>>()),
        _ => throw new StartRefusedException($"Monitor:Store '{store}' is not a store this program has: use 'sqlite' (the embedded file) "
            + "or 'postgres' (the database named by ConnectionStrings:Postgres)."),
    };

    private static PostgresEventStore OpenPostgres(string? connectionString, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartRefusedException("Monitor:Store is 'postgres', but ConnectionStrings:Postgres is not set: "
                + $"set it to the database's connection string in Npgsql format, e.g. {Example}, or use Monitor:Store=sqlite.");
        }
        try
        {
            return PostgresEventStore.Open(connectionString, logger);
        }
        catch (ArgumentException error)
        {
            throw new StartRefusedException($"ConnectionStrings:Postgres is not in Npgsql format ({error.Message}): write it as {Example}.", error);
        }
        catch (StoreUnavailableException error)
        {
            throw new StartRefusedException(error.Message, error);
        }
    }
}
