using Npgsql;

namespace Monitor.EventStore.Postgres;

/// <summary>PostgreSQL's failures in the port's terms, each naming the server, the setting to fix and what to do.</summary>
internal static class PostgresErrors
{
    private const string Format = "Npgsql format: Host=db.example.org;Port=5432;Database=monitor;Username=monitor;Password=...";

    /// <summary>The server as the messages name it: where, never the password.</summary>
    public static string Where(NpgsqlConnectionStringBuilder settings) =>
        $"The PostgreSQL database named by ConnectionStrings:Postgres ({settings.Host}:{settings.Port}, "
        + $"database '{settings.Database ?? settings.Username}', user '{settings.Username}')";

    /// <summary>The port's exception for <paramref name="error"/>, or null when it is none of these.</summary>
    /// <param name="doing">What failed: "the log cannot be read after position 7".</param>
    public static Exception? Translate(Exception error, NpgsqlConnectionStringBuilder settings, string doing)
    {
        var where = Where(settings);
        return error switch
        {
            PostgresException { SqlState: "28P01" or "28000" } e => Unavailable(
                $"{where} refused the user, so {doing} ({e.MessageText}): correct Username and Password in ConnectionStrings:Postgres.", 30),
            PostgresException { SqlState: "3D000" } e => Unavailable(
                $"{where} does not exist, so {doing} ({e.MessageText}): create it (`createdb --owner={settings.Username} "
                + $"{settings.Database}`) or name an existing one in ConnectionStrings:Postgres.", 30),
            PostgresException { SqlState: "42501" } e => Unavailable(
                $"{where}: the user may not create or write the monitor's tables, so {doing} ({e.MessageText}): "
                + "make the user the database's owner, or name its owner in ConnectionStrings:Postgres.", 30),
            PostgresException { SqlState: "53100" } e => Unavailable(
                $"{where} has a full disk, so {doing} ({e.MessageText}): free space on the database server and retry.", 30),
            PostgresException { SqlState: "XX001" or "XX002" } e => new StoreDamagedException(
                $"{where} is damaged: {doing} ({e.MessageText}). Check the server (its log, amcheck) and restore a backup.", e),
            PostgresException { SqlState: var state } e when state.StartsWith("08", StringComparison.Ordinal)
                || state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal) => Unavailable(
                $"{where} cannot serve now, so {doing} ({e.MessageText}): retry shortly.", 5),
            PostgresException => null,
            // Npgsql's own failures: no socket, a timeout, a connection string the server cannot accept.
            NpgsqlException e => Unavailable(
                $"{where} cannot be reached, so {doing} ({Innermost(e)}): start the server, or correct ConnectionStrings:Postgres ({Format}).", 5),
            _ => null,
        };

        StoreUnavailableException Unavailable(string message, int seconds) => new(message, TimeSpan.FromSeconds(seconds), error);
    }

    private static string Innermost(Exception error) =>
        error.InnerException is null ? error.Message : $"{error.Message} {Innermost(error.InnerException)}";
}
