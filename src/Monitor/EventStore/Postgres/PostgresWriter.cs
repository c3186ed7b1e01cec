using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

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
    private const int GatherTurns = 4;

    public async Task RunAsync(ChannelReader<PendingAppend> queue, AppendSignal signal)
    {
        var batch = new List<GroupCommit.Member>();
        while (await queue.WaitToReadAsync())
        {
            await GatherAsync(batch.Count);
            var (written, last) = await GroupCommit.CommitWaitingAsync(queue, batch, CommitAsync, translate);
            if (written) signal.Committed(last);
        }
    }

    /// <summary>
    /// After a group of several, gives the writers just answered a moment to come back with their next appends: they
    /// are on their way through the thread pool, and a round trip to the server costs far more than the wait, so
    /// otherwise groups shrink to the first one or two back. A lone writer (last group of one) never waits.
    /// </summary>
    private static async Task GatherAsync(int lastGroup)
    {
        // A single-reader queue cannot count what it holds, so the wait is a few turns of the thread pool, not a number.
        for (var turn = 0; turn < GatherTurns && lastGroup > 1; turn++) await Task.Yield();
    }

    /// <returns>The position of the last event in the log after the commit.</returns>
    /// <remarks>
    /// One statement, committed on its own: monitor_append (PostgresSchema) takes the append lock, checks each append
    /// against the revisions it reads under the lock, inserts what passes and notifies, so a group costs one round trip.
    /// </remarks>
    private async Task<long> CommitAsync(List<GroupCommit.Member> batch)
    {
        var events = batch.SelectMany(b => b.Append.Events).ToList();
        await using var append = dataSource.CreateCommand(
            "SELECT revision, \"position\", actual FROM monitor_append($1, $2, $3, $4, $5, $6)");
        append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(b => b.Append.Stream)] });
        append.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(b => b.Append.Expected.Value)] });
        append.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(b => b.Append.Events.Count)] });
        append.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. events.Select(e => e.EventId)] });
        append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.Type)] });
        append.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. events.Select(e => e.Data)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        await using var rows = await append.ExecuteReaderAsync();
        long last = 0;
        for (var i = 0; i < batch.Count && await rows.ReadAsync(); i++)
        {
            var pending = batch[i].Append;
            if (rows.IsDBNull(0))
            {
                batch[i] = batch[i] with { Error = new WrongExpectedRevisionException(pending.Stream, pending.Expected, rows.GetInt64(2)) };
                continue;
            }
            last = rows.GetInt64(1);
            batch[i] = batch[i] with { Result = new AppendResult(rows.GetInt64(0), last) };
        }
        return last;
    }
}
