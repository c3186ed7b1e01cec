using Npgsql;
using NpgsqlTypes;

namespace Monitor.EventStore.Postgres;

/// <param name="Copied">Events written by this import.</param>
/// <param name="AlreadyThere">Events of the log the database held already (same position, same event id).</param>
/// <param name="Head">The position of the database's last event afterwards.</param>
public sealed record ImportResult(long Copied, long AlreadyThere, long Head);

/// <summary>
/// Copies a whole log into the database with every event as it was (stream, revision, position, id, type, data,
/// created), as `monitor migrate` does from the embedded store. One transaction: an import that fails or is
/// interrupted leaves the database as it found it, and a rerun starts afresh.
/// <para>
/// It holds the append lock (<see cref="PostgresAppend.Lock"/>) from before it reads where the database's log ends
/// until it commits, as every append does, so a server running on the database waits rather than number events
/// between the copied ones, and its readers never see a copied position appear behind one they have passed.
/// </para>
/// </summary>
public static class PostgresImport
{
    private const int Chunk = 10_000;

    private const string Copy = "COPY events (position, stream, revision, event_id, type, data, created, created_ticks) FROM STDIN (FORMAT BINARY)";

    /// <param name="events">The log in position order, from position 1 without a gap.</param>
    /// <param name="checkpoints">How far each subscription that acts on the log had got in it: kept, unless the database's is further.</param>
    /// <param name="progress">Told, every <see cref="Chunk"/> events, how many of the log have been compared or copied.</param>
    /// <exception cref="ArgumentException">The connection string is not in Npgsql's format.</exception>
    /// <exception cref="HistoryConflictException">The database holds other events at the log's positions; nothing was written.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached, refuses the user, or holds a newer schema.</exception>
    public static async Task<ImportResult> ImportAsync(string connectionString, IEnumerable<RecordedEvent> events,
        IReadOnlyDictionary<string, long> checkpoints, Action<long> progress, CancellationToken ct)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(ct);
            PostgresSchema.Upgrade(connection, PostgresErrors.Where(settings));
            // Read committed whatever the database's default: the head is read after the append lock is granted.
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
            var head = await LockAsync(connection, ct);
            using var source = events.GetEnumerator();
            var more = source.MoveNext();

            // The part of the log the database holds already: compared a chunk at a time, never written again.
            var there = new List<RecordedEvent>(Chunk);
            long alreadyThere = 0;
            while (more && source.Current.Position <= head)
            {
                there.Add(source.Current);
                more = source.MoveNext();
                if (there.Count < Chunk && more && source.Current.Position <= head) continue;
                await CompareAsync(connection, there, PostgresErrors.Where(settings), ct);
                alreadyThere += there.Count;
                there.Clear();
                progress(alreadyThere);
            }

            // The rest follows the database's last event: one COPY, as fast as the server takes rows.
            long copied = 0;
            if (more)
            {
                await using (var copy = await connection.BeginBinaryImportAsync(Copy, ct))
                {
                    do
                    {
                        await WriteAsync(copy, source.Current, ct);
                        if (++copied % Chunk == 0) progress(alreadyThere + copied);
                    }
                    while (source.MoveNext());
                    await copy.CompleteAsync(ct);
                }
                await NotifyAsync(connection, head + copied, ct);
            }
            foreach (var (subscription, position) in checkpoints) await SaveCheckpointAsync(connection, subscription, position, ct);
            await transaction.CommitAsync(ct);
            return new ImportResult(copied, alreadyThere, Math.Max(head, alreadyThere + copied));
        }
        catch (NpgsqlException error) when (PostgresErrors.Translate(error, settings, "nothing was copied") is { } translated)
        {
            throw translated;
        }
    }

    /// <exception cref="HistoryConflictException">A position holds another event, or none.</exception>
    /// <summary>
    /// Takes the append lock for the rest of the transaction, then (in a statement of its own, whose snapshot sees the
    /// last holder's commit) reads where the database's log ends, as monitor_append does.
    /// </summary>
    private static async Task<long> LockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var take = new NpgsqlCommand($"SELECT set_config('synchronous_commit', 'on', true), pg_advisory_xact_lock({PostgresAppend.Lock})", connection))
            await take.ExecuteNonQueryAsync(ct);
        await using var head = new NpgsqlCommand("SELECT COALESCE(MAX(position), 0) FROM events", connection);
        return (long)(await head.ExecuteScalarAsync(ct))!;
    }

    private static async Task CompareAsync(NpgsqlConnection connection, List<RecordedEvent> events, string where, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT position, event_id FROM events WHERE position BETWEEN $1 AND $2 ORDER BY position",
            connection)
        {
            Parameters =
            {
                new NpgsqlParameter<long> { TypedValue = events[0].Position },
                new NpgsqlParameter<long> { TypedValue = events[^1].Position },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        foreach (var e in events)
        {
            var (position, id) = await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetGuid(1)) : (0, Guid.Empty);
            if (position == e.Position && id == e.EventId) continue;
            var found = position == e.Position ? $"event {id}" : "no event";
            throw new HistoryConflictException($"{where} holds another history: at position {e.Position} it has {found}, where the "
                + $"log being copied has event {e.EventId} ('{e.Stream}' revision {e.Revision}). Nothing was copied. Name an empty "
                + "database in ConnectionStrings:Postgres, or the one this history was copied to before.");
        }
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, RecordedEvent e, CancellationToken ct)
    {
        // timestamptz holds microseconds: the 100 ns ticks below them go in created_ticks (see PostgresSchema).
        var ticks = e.Created.UtcTicks;
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(e.Position, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(e.Stream, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(e.Revision, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(e.EventId, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(e.Type, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(e.Data, NpgsqlDbType.Bytea, ct);
        await copy.WriteAsync(new DateTime(ticks - ticks % 10, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync((short)(ticks % 10), NpgsqlDbType.Smallint, ct);
    }

    private static async Task SaveCheckpointAsync(NpgsqlConnection connection, string subscription, long position, CancellationToken ct)
    {
        await using var save = new NpgsqlCommand(PostgresSchema.SaveCheckpoint, connection)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = subscription }, new NpgsqlParameter<long> { TypedValue = position } },
        };
        await save.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Wakes the readers of any server on the database at commit, as an append does (PostgresNotifications).</summary>
    private static async Task NotifyAsync(NpgsqlConnection connection, long head, CancellationToken ct)
    {
        await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = PostgresNotifications.Channel },
                new NpgsqlParameter<string> { TypedValue = head.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
        };
        await notify.ExecuteNonQueryAsync(ct);
    }
}
