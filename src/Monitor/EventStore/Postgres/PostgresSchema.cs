using Npgsql;

namespace Monitor.EventStore.Postgres;

/// <summary>
/// The tables, created and upgraded on start: each version's statements run once, in order, recorded in
/// schema_version. A database upgraded by a newer program is refused rather than written in an older shape.
/// </summary>
internal static class PostgresSchema
{
    public const string SelectEvent = "SELECT stream, revision, position, event_id, type, data, created, created_ticks FROM events";

    /// <summary>Saves a subscription's checkpoint ($1, $2), never moving it back.</summary>
    public const string SaveCheckpoint = """
        INSERT INTO checkpoints (subscription, position) VALUES ($1, $2)
        ON CONFLICT (subscription) DO UPDATE SET position = GREATEST(checkpoints.position, excluded.position)
        """;

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
        // A group of appends in one call, so one round trip does what took four: take the append lock, read where the
        // log ends, check each append's expected revision, insert what passes, tell the listeners. Per append it returns
        // the new revision and last position, or (refused) the stream's actual revision. Expected: -2 any, -1 no
        // stream, -4 the stream exists, else that revision (ExpectedRevision). Events are given flat, in order.
        $$"""
        CREATE FUNCTION monitor_append(streams text[], expected bigint[], counts int[], ids uuid[], types text[], payloads bytea[])
        RETURNS TABLE (revision bigint, "position" bigint, actual bigint)
        LANGUAGE plpgsql AS $fn$
        DECLARE
            head bigint;
            stamp timestamptz;
            current bigint;
            first int := 1;
            appended boolean := false;
        BEGIN
            PERFORM set_config('synchronous_commit', 'on', true);
            PERFORM pg_advisory_xact_lock({{PostgresAppend.Lock}});
            -- A statement after the lock: its snapshot sees the last holder's commit.
            -- Never behind the last event's time; a migrated event's time may reach past its microsecond (created_ticks).
            SELECT COALESCE(MAX(e.position), 0), GREATEST(clock_timestamp(), MAX(e.created + make_interval(secs => sign(e.created_ticks) * 1e-6)))
                INTO head, stamp
                FROM (SELECT p.position, p.created, p.created_ticks FROM events p ORDER BY p.position DESC LIMIT 1) e;
            stamp := COALESCE(stamp, clock_timestamp());
            FOR i IN 1 .. COALESCE(array_length(streams, 1), 0) LOOP
                SELECT COALESCE(MAX(e.revision), -1) INTO current FROM events e WHERE e.stream = streams[i];
                IF expected[i] = -2 OR (expected[i] = -4 AND current >= 0) OR expected[i] = current THEN
                    INSERT INTO events (position, stream, revision, event_id, type, data, created)
                        SELECT head + n, streams[i], current + n, ids[first + n - 1], types[first + n - 1], payloads[first + n - 1], stamp
                        FROM generate_series(1, counts[i]) AS n;
                    head := head + counts[i];
                    appended := true;
                    revision := current + counts[i]; "position" := head; actual := NULL;
                ELSE
                    revision := NULL; "position" := NULL; actual := current;
                END IF;
                first := first + counts[i];
                RETURN NEXT;
            END LOOP;
            IF appended THEN PERFORM pg_notify('{{PostgresNotifications.Channel}}', head::text); END IF;
        END
        $fn$
        """,
        "CREATE TABLE checkpoints (subscription text PRIMARY KEY, position bigint NOT NULL)",
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
