using Microsoft.Data.Sqlite;

namespace Monitor.EventStore.Sqlite;

internal static class SqliteSchema
{
    public static void Create(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // WAL lets readers run beside the writer; FULL syncs the WAL on every commit (durable on ack).
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS events (
                position INTEGER PRIMARY KEY,
                stream   TEXT    NOT NULL,
                revision INTEGER NOT NULL,
                event_id BLOB    NOT NULL UNIQUE,
                type     TEXT    NOT NULL,
                data     BLOB    NOT NULL,
                created  INTEGER NOT NULL,
                UNIQUE (stream, revision)
            );
            """;
        command.ExecuteNonQuery();
    }
}
