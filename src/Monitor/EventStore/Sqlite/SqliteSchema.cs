using Microsoft.Data.Sqlite;

namespace Monitor.EventStore.Sqlite;

internal static class SqliteSchema
{
    public static void Create(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // WAL lets readers run beside the writer; FULL syncs the WAL on every commit (durable on ack).
        // 8 KB pages: an event is ~0.7 KB and sits in the table and two indexes, and with SQLite's 4 KB a batched append
        // went through twice the pages. Measured on the 2-core VM, 1,000 events per append: 145,000-184,000 events/s
        // against 108,000-156,000 with 4 KB, single appends unchanged. It takes effect only in a new file (a log already
        // in WAL mode keeps its pages), so it comes before the journal mode.
        command.CommandText = """
            PRAGMA page_size = 8192;
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
            CREATE TABLE IF NOT EXISTS checkpoints (
                subscription TEXT    PRIMARY KEY,
                position     INTEGER NOT NULL
            );
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>When the first event was committed; null when the log is empty.</summary>
    public static DateTimeOffset? FirstRecorded(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT created FROM events ORDER BY position LIMIT 1";
        return command.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }
}
