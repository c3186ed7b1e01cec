using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Monitor.Bench;

/// <summary>The read baselines, straight from the store's own events table through Microsoft.Data.Sqlite.</summary>
public static class RawSqliteReads
{
    /// <summary>Reads every row's bytes (SELECT data FROM events) and nothing more; the time and the bytes read.</summary>
    public static (TimeSpan Elapsed, long Bytes) ReadAll(string storePath)
    {
        using var connection = Open(storePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM events";
        var started = Stopwatch.GetTimestamp();
        long bytes = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) bytes += reader.GetFieldValue<byte[]>(0).Length;
        }
        return (Stopwatch.GetElapsedTime(started), bytes);
    }

    /// <summary>Indexed point lookups: the latest event at or before a random position.</summary>
    public static Latencies Lookups(string storePath, long head, int count, Random random)
    {
        using var connection = Open(storePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM events WHERE position <= $p ORDER BY position DESC LIMIT 1";
        var position = command.Parameters.Add("$p", SqliteType.Integer);
        command.Prepare();
        var latencies = new Latencies(count);
        for (var i = 0; i < count; i++)
        {
            position.Value = random.NextInt64(1, head + 1);
            var started = Stopwatch.GetTimestamp();
            _ = (byte[]?)command.ExecuteScalar() ?? throw new InvalidOperationException("The events table has a gap.");
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }
        return latencies;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
