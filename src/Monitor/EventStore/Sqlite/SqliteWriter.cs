using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Monitor.EventStore.Sqlite;

/// <summary>The single writer: drains the queue, commits a batch of appends at once, then answers each.</summary>
internal sealed class SqliteWriter(SqliteConnection connection, TimeProvider clock)
{
    private const int MaxAppendsPerCommit = 2_048;
    private readonly Dictionary<string, long> _revisions = new(StringComparer.Ordinal);
    private long _lastPosition = -1;
    private long _lastCreated;

    public async Task RunAsync(ChannelReader<PendingAppend> queue, AppendSignal signal)
    {
        var batch = new List<(PendingAppend Append, AppendResult? Result, Exception? Error)>();
        await using (connection)
        {
            while (await queue.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxAppendsPerCommit && queue.TryRead(out var append)) batch.Add((append, null, null));
                try
                {
                    Commit(batch);
                }
                catch (Exception error)
                {
                    // Nothing of this batch is on disk: forget what we assumed and fail the appends that were not refused already.
                    _revisions.Clear();
                    _lastPosition = -1;
                    for (var i = 0; i < batch.Count; i++) batch[i] = batch[i] with { Result = null, Error = batch[i].Error ?? error };
                }
                foreach (var (append, result, error) in batch)
                {
                    if (result is not null) append.Result.SetResult(result);
                    else append.Result.SetException(error!);
                }
                if (batch.Any(b => b.Result is not null)) signal.Committed(_lastPosition);
            }
        }
    }

    private void Commit(List<(PendingAppend Append, AppendResult? Result, Exception? Error)> batch)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO events (position, stream, revision, event_id, type, data, created) VALUES ($p, $s, $r, $id, $t, $d, $c)";
        var p = new[] { "$p", "$s", "$r", "$id", "$t", "$d", "$c" }.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        if (_lastPosition < 0) _lastPosition = Scalar(transaction, "SELECT COALESCE(MAX(position), 0) FROM events", null);
        var created = Math.Max(clock.GetUtcNow().UtcTicks, _lastCreated);
        var touched = new Dictionary<string, long>(StringComparer.Ordinal);

        for (var i = 0; i < batch.Count; i++)
        {
            var append = batch[i].Append;
            var revision = touched.TryGetValue(append.Stream, out var r) ? r : RevisionOf(append.Stream, transaction);
            if (!append.Expected.IsMetBy(revision))
            {
                batch[i] = batch[i] with { Error = new WrongExpectedRevisionException(append.Stream, append.Expected, revision) };
                continue;
            }
            foreach (var e in append.Events)
            {
                p[0].Value = ++_lastPosition;
                p[1].Value = append.Stream;
                p[2].Value = ++revision;
                p[3].Value = e.EventId.ToByteArray();
                p[4].Value = e.Type;
                p[5].Value = e.Data;
                p[6].Value = created;
                insert.ExecuteNonQuery();
            }
            touched[append.Stream] = revision;
            batch[i] = batch[i] with { Result = new AppendResult(revision, _lastPosition) };
        }
        transaction.Commit();
        _lastCreated = created;
        foreach (var (stream, revision) in touched) _revisions[stream] = revision;
    }

    private long RevisionOf(string stream, SqliteTransaction transaction) =>
        _revisions.TryGetValue(stream, out var known) ? known
            : Scalar(transaction, "SELECT COALESCE(MAX(revision), -1) FROM events WHERE stream = $s", stream);

    private long Scalar(SqliteTransaction transaction, string sql, string? stream)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (stream is not null) command.Parameters.AddWithValue("$s", stream);
        return (long)command.ExecuteScalar()!;
    }
}
