using Npgsql;

namespace Monitor.EventStore.Postgres;

/// <summary>
/// The tables, created and upgraded on start: each version's statements run once, in order, recorded in
/// schema_version. A database upgraded by a newer program is refused rather than written in an older shape.
/// </summary>
internal static class PostgresSchema
{
    public const string SelectEvent = "SELECT stream, revision, position, event_id, type, data, created, created_ticks FROM events";

    /// <summary>Held while upgrading, so servers starting together do not create the same table twice.</summary>
    private const long UpgradeLock = PostgresAppend.Lock + 1;

    /// <summary>Version n is Versions[n - 1]. Append new versions; never edit one that has shipped.</summary>
    private static readonly string[] Versions =
    [
        """
        CREATE TABLE events (
            position bigint      PRIMARY KEY,
            stream   text        NOT NULL,
            revision bigint      NOT NULL,
            event_id uuid        NOT NULL UNIQUE,
            type     text        NOT NULL,
            data     bytea       NOT NULL,
            created  timestamptz NOT NULL,
            UNIQUE (stream, revision)
        )
        """,
        // timestamptz keeps microseconds; the embedded store keeps 100 ns ticks. Events migrated from it keep the
        // ticks below the microsecond here, so their recordedAt (and every knownAt answer) stays exactly as it was.
        "ALTER TABLE events ADD COLUMN created_ticks smallint NOT NULL DEFAULT 0 CHECK (created_ticks BETWEEN 0 AND 9)",
    ];

    public static int Latest => Versions.Length;

    /// <exception cref="StoreUnavailableException">A newer program has upgraded the database past what this one knows.</exception>
    public static void Upgrade(NpgsqlConnection connection, string where)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"SELECT pg_advisory_xact_lock({UpgradeLock})");
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())");
        using var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection);
        var current = (int)read.ExecuteScalar()!;
        if (current > Latest)
        {
            throw new StoreUnavailableException($"{where} holds the store in schema version {current}, written by a newer monitor; "
                + $"this one knows up to version {Latest}: run the newer program, or point ConnectionStrings:Postgres at another database.",
                TimeSpan.FromMinutes(5));
        }
        for (var version = current + 1; version <= Latest; version++)
        {
            Execute(connection, Versions[version - 1]);
            Execute(connection, $"INSERT INTO schema_version (version) VALUES ({version})");
        }
        transaction.Commit();
    }

    /// <summary>The event in the reader's current row (columns as in <see cref="SelectEvent"/>).</summary>
    public static RecordedEvent Event(NpgsqlDataReader row) =>
        new(row.GetString(0), row.GetInt64(1), row.GetInt64(2), row.GetGuid(3), row.GetString(4),
            row.GetFieldValue<byte[]>(5), row.GetFieldValue<DateTimeOffset>(6).AddTicks(row.GetInt16(7)));

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
