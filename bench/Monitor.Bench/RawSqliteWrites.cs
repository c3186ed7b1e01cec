using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Monitor.Bench;

/// <summary>
/// The write baseline: the same payloads INSERTed through Microsoft.Data.Sqlite into a plain
/// (position, data) table, WAL with synchronous=FULL like the store, one prepared command, no queue.
/// </summary>
public sealed class RawSqliteWrites : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _data;

    public RawSqliteWrites(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, data BLOB NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }
        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO events (data) VALUES ($data)";
        _data = _insert.Parameters.Add("$data", SqliteType.Blob);
        _insert.Prepare();
    }

    /// <summary>One row in its own transaction, hence one fsync.</summary>
    public void InsertOne(byte[] payload) => Insert([payload], 0, 1);

    /// <summary><paramref name="batches"/> transactions of <paramref name="perBatch"/> rows each; the total time.</summary>
    public TimeSpan BatchedInserts(IReadOnlyList<byte[]> payloads, int batches, int perBatch)
    {
        var started = Stopwatch.GetTimestamp();
        for (var b = 0; b < batches; b++) Insert(payloads, b * perBatch, perBatch);
        return Stopwatch.GetElapsedTime(started);
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }

    private void Insert(IReadOnlyList<byte[]> payloads, int from, int count)
    {
        using var transaction = _connection.BeginTransaction();
        _insert.Transaction = transaction;
        for (var i = from; i < from + count; i++)
        {
            _data.Value = payloads[i % payloads.Count];
            _insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
