using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Bench;

/// <summary>
/// The PostgreSQL write baselines: the same payloads written through Npgsql alone into a plain (position, data)
/// table of the same database, durably (synchronous_commit on): one INSERT per transaction, multi-row INSERTs,
/// and COPY, the fastest way in.
/// </summary>
public sealed class RawPostgresWrites(NpgsqlDataSource data) : IAsyncDisposable
{
    public static async Task<RawPostgresWrites> CreateAsync(string connectionString)
    {
        var data = new NpgsqlDataSourceBuilder(connectionString).Build();
        await using var setup = data.CreateCommand("""
            DROP TABLE IF EXISTS bench_raw_events;
            CREATE TABLE bench_raw_events (position bigserial PRIMARY KEY, data bytea NOT NULL);
            """);
        await setup.ExecuteNonQueryAsync();
        return new RawPostgresWrites(data);
    }

    /// <summary>One row, one transaction, one durable commit.</summary>
    public async Task InsertOneAsync(byte[] payload)
    {
        await using var insert = data.CreateCommand("INSERT INTO bench_raw_events (data) VALUES ($1)");
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary><paramref name="batches"/> transactions of one INSERT of <paramref name="perBatch"/> rows each.</summary>
    public Task<TimeSpan> MultiRowInsertsAsync(IReadOnlyList<byte[]> payloads, int batches, int perBatch) =>
        TimeBatchesAsync(batches, async (connection, b) =>
        {
            await using var insert = new NpgsqlCommand("INSERT INTO bench_raw_events (data) SELECT unnest($1)", connection);
            insert.Parameters.Add(new NpgsqlParameter<byte[][]>
            {
                TypedValue = [.. Enumerable.Range(0, perBatch).Select(i => payloads[(b * perBatch + i) % payloads.Count])],
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea,
            });
            await insert.ExecuteNonQueryAsync();
        });

    /// <summary><paramref name="batches"/> transactions of one binary COPY of <paramref name="perBatch"/> rows each.</summary>
    public Task<TimeSpan> CopiesAsync(IReadOnlyList<byte[]> payloads, int batches, int perBatch) =>
        TimeBatchesAsync(batches, async (connection, b) =>
        {
            await using var copy = await connection.BeginBinaryImportAsync("COPY bench_raw_events (data) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < perBatch; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(payloads[(b * perBatch + i) % payloads.Count], NpgsqlDbType.Bytea);
            }
            await copy.CompleteAsync();
        });

    private async Task<TimeSpan> TimeBatchesAsync(int batches, Func<NpgsqlConnection, int, Task> write)
    {
        await using var connection = await data.OpenConnectionAsync();
        var started = Stopwatch.GetTimestamp();
        for (var b = 0; b < batches; b++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await write(connection, b);
            await transaction.CommitAsync();
        }
        return Stopwatch.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var drop = data.CreateCommand("DROP TABLE IF EXISTS bench_raw_events")) await drop.ExecuteNonQueryAsync();
        await data.DisposeAsync();
    }
}
