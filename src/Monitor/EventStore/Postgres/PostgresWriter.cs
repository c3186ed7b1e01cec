using System.Threading.Channels;
using Npgsql;

namespace Monitor.EventStore.Postgres;

/// <summary>
/// This process's single writer: drains the queue and commits the appends waiting there in one transaction
/// (group commit: they share the lock, the round trips and the fsync), then answers each. Each append is
/// checked on its own expected revision, against revisions read under the lock, so appends by other
/// processes are seen, not collided with.
/// </summary>
/// <param name="translate">The port's exception for a failed commit, or null to pass it on as it is.</param>
internal sealed class PostgresWriter(NpgsqlDataSource dataSource, Func<Exception, string, Exception?> translate)
{
    private const int MaxAppendsPerCommit = 2_048;

    public async Task RunAsync(ChannelReader<PendingAppend> queue, AppendSignal signal)
    {
        var batch = new List<(PendingAppend Append, AppendResult? Result, Exception? Error)>();
        while (await queue.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxAppendsPerCommit && queue.TryRead(out var append)) batch.Add((append, null, null));
            long last = 0;
            try
            {
                last = await CommitAsync(batch);
            }
            catch (Exception error)
            {
                // Rolled back, or (when the connection broke during COMMIT) not known: no append may count as written.
                var reported = translate(error, "an append failed") ?? error;
                for (var i = 0; i < batch.Count; i++) batch[i] = batch[i] with { Result = null, Error = batch[i].Error ?? reported };
            }
            foreach (var (append, result, error) in batch)
            {
                if (result is not null) append.Result.SetResult(result);
                else append.Result.SetException(error!);
            }
            if (batch.Any(b => b.Result is not null)) signal.Committed(last);
        }
    }

    /// <returns>The position of the last event in the log after the commit.</returns>
    private async Task<long> CommitAsync(List<(PendingAppend Append, AppendResult? Result, Exception? Error)> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var tail = await PostgresAppend.LockAsync(connection, batch.Select(b => b.Append.Stream).Distinct(StringComparer.Ordinal).ToList());
        var position = tail.Position;
        var events = new PostgresAppend.NewEvents();
        for (var i = 0; i < batch.Count; i++)
        {
            var append = batch[i].Append;
            var revision = tail.Revisions.GetValueOrDefault(append.Stream, -1);
            if (!append.Expected.IsMetBy(revision))
            {
                batch[i] = batch[i] with { Error = new WrongExpectedRevisionException(append.Stream, append.Expected, revision) };
                continue;
            }
            foreach (var e in append.Events) events.Add(++position, append.Stream, ++revision, e);
            tail.Revisions[append.Stream] = revision;
            batch[i] = batch[i] with { Result = new AppendResult(revision, position) };
        }
        if (events.Count == 0) return position; // every append was refused: the transaction rolls back, releasing the lock
        await PostgresAppend.InsertAsync(connection, events, tail.Created);
        await transaction.CommitAsync();
        return position;
    }
}
