using Npgsql;
using NpgsqlTypes;

namespace Monitor.EventStore.Postgres;

/// <summary>
/// The statements of one append transaction, in the order that keeps the global order gap-safe (see
/// <see cref="PostgresEventStore"/>): take the append lock, then read where the log ends, then insert after it.
/// </summary>
internal static class PostgresAppend
{
    /// <summary>The advisory lock every append transaction of every process holds until it ends ("Monitor" in ASCII).</summary>
    public const long Lock = 0x4D_6F_6E_69_74_6F_72;

    /// <summary>Where the log ends, seen under the lock, and the commit time the new events get.</summary>
    /// <param name="Revisions">The last revision of each stream asked about that has events.</param>
    public sealed record Tail(long Position, DateTime Created, Dictionary<string, long> Revisions);

    /// <summary>Takes the lock (waiting for any other append to end), then reads the log's end and the streams' revisions.</summary>
    public static async Task<Tail> LockAsync(NpgsqlConnection connection, IReadOnlyCollection<string> streams)
    {
        // Separate statements: under READ COMMITTED each one takes its snapshot as it starts, so only those after
        // the lock see the previous holder's commit. synchronous_commit is set here so the commit is on disk before
        // it answers, whatever the server's default.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new($"SELECT set_config('synchronous_commit', 'on', true), pg_advisory_xact_lock({Lock})"),
                // The clock never runs behind the last event's time, so `created` follows position order. A migrated
                // event's time may reach past its microsecond (created_ticks): the next one then starts a microsecond on.
                new("""
                    SELECT COALESCE(last.position, 0),
                        GREATEST(clock_timestamp(), last.created + make_interval(secs => sign(last.created_ticks) * 1e-6))
                    FROM (SELECT) AS here
                    LEFT JOIN LATERAL (SELECT position, created, created_ticks FROM events ORDER BY position DESC LIMIT 1) AS last ON true
                    """),
                new("SELECT stream, MAX(revision) FROM events WHERE stream = ANY($1) GROUP BY stream")
                {
                    Parameters = { new NpgsqlParameter<string[]> { TypedValue = [.. streams] } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        var (position, created) = (reader.GetInt64(0), reader.GetFieldValue<DateTime>(1));
        await reader.NextResultAsync();
        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) revisions[reader.GetString(0)] = reader.GetInt64(1);
        return new Tail(position, created, revisions);
    }

    /// <summary>Inserts the events in one statement and tells listeners where the log will end once this commits.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, NewEvents events, DateTime created)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO events (position, stream, revision, event_id, type, data, created)
                    SELECT p, s, r, i, t, d, $7 FROM unnest($1, $2, $3, $4, $5, $6) AS e(p, s, r, i, t, d)
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<long[]> { TypedValue = [.. events.Positions] },
                        new NpgsqlParameter<string[]> { TypedValue = [.. events.Streams] },
                        new NpgsqlParameter<long[]> { TypedValue = [.. events.Revisions] },
                        new NpgsqlParameter<Guid[]> { TypedValue = [.. events.Ids] },
                        new NpgsqlParameter<string[]> { TypedValue = [.. events.Types] },
                        new NpgsqlParameter<byte[][]> { TypedValue = [.. events.Data], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                        new NpgsqlParameter<DateTime> { TypedValue = created, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    },
                },
                // Delivered at commit, in commit order, to every process listening (PostgresNotifications).
                new("SELECT pg_notify($1, $2)")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string> { TypedValue = PostgresNotifications.Channel },
                        new NpgsqlParameter<string> { TypedValue = events.Positions[^1].ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of one transaction, column by column as the insert takes them.</summary>
    public sealed class NewEvents
    {
        public List<long> Positions { get; } = [];
        public List<string> Streams { get; } = [];
        public List<long> Revisions { get; } = [];
        public List<Guid> Ids { get; } = [];
        public List<string> Types { get; } = [];
        public List<byte[]> Data { get; } = [];

        public int Count => Positions.Count;

        public void Add(long position, string stream, long revision, EventData e)
        {
            Positions.Add(position);
            Streams.Add(stream);
            Revisions.Add(revision);
            Ids.Add(e.EventId);
            Types.Add(e.Type);
            Data.Add(e.Data);
        }
    }
}
