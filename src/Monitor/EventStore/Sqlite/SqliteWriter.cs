using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Monitor.EventStore.Sqlite;

/// <summary>
/// The store's writer: commits every append waiting in the queue in one transaction, then answers each. Where the
/// log ends and each stream's revision are read inside the write transaction, never remembered between
/// commits, so a write by another process (a migration, a careless sqlite3) is seen, not collided with.
/// One commit at a time: the store lets one thread in (see <see cref="SqliteEventStore"/>).
/// </summary>
/// <param name="translate">The port's exception for a failed commit, or null to pass it on as it is.</param>
internal sealed class SqliteWriter(SqliteConnection connection, TimeProvider clock, HistoryMarker marker, Func<Exception, string, Exception?> translate)
    : IDisposable
{
    private readonly List<GroupCommit.Member> _group = [];
    private bool _marked = marker.Exists;

    /// <summary>Commits what waits in <paramref name="queue"/>, answers each append, and signals the new end of the log.</summary>
    public void CommitWaiting(ChannelReader<PendingAppend> queue, AppendSignal signal)
    {
        // Completes at once: the commit below is synchronous.
        var (written, last) = GroupCommit.CommitWaitingAsync(queue, _group, b => Task.FromResult(Commit(b)), translate).GetAwaiter().GetResult();
        if (!written) return;
        if (!_marked)
        {
            marker.Write(clock.GetUtcNow());
            _marked = marker.Exists;
        }
        signal.Committed(last);
    }

    public void Dispose() => connection.Dispose();

    /// <returns>The position of the last event in the log after the commit.</returns>
    private long Commit(List<GroupCommit.Member> batch)
    {
        // BEGIN IMMEDIATE: the file's write lock is taken first, so what is read below stays true until the commit.
        using var transaction = connection.BeginTransaction();
        using var insert = new EventInsert(connection.Handle!);
        var (position, lastCreated) = LastEvent(transaction);
        var created = Math.Max(clock.GetUtcNow().UtcTicks, lastCreated);
        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);

        for (var i = 0; i < batch.Count; i++)
        {
            var append = batch[i].Append;
            var revision = revisions.TryGetValue(append.Stream, out var r) ? r : RevisionOf(append.Stream, transaction);
            if (!append.Expected.IsMetBy(revision))
            {
                batch[i] = batch[i] with { Error = new WrongExpectedRevisionException(append.Stream, append.Expected, revision) };
                continue;
            }
            foreach (var e in append.Events) insert.Run(++position, append.Stream, ++revision, e, created);
            revisions[append.Stream] = revision;
            batch[i] = batch[i] with { Result = new AppendResult(revision, position) };
        }
        transaction.Commit();
        return position;
    }

    /// <summary>The last event's position and commit time (0, 0 for an empty log): the next append follows both.</summary>
    private (long Position, long Created) LastEvent(SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT position, created FROM events ORDER BY position DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    private long RevisionOf(string stream, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(revision), -1) FROM events WHERE stream = $s";
        command.Parameters.AddWithValue("$s", stream);
        return (long)command.ExecuteScalar()!;
    }
}
