using System.Threading.Channels;

namespace Monitor.EventStore;

/// <summary>
/// One turn of a store's single writer: everything waiting in the queue becomes one group, committed at once
/// (concurrent writers share the commit), and each append is then answered on its own: its result, its refusal
/// (a wrong expected revision), or the error that failed the whole group.
/// </summary>
internal static class GroupCommit
{
    private const int MaxAppendsPerCommit = 2_048;

    /// <param name="group">Reused from turn to turn; the store's commit fills in each append's result or refusal.</param>
    /// <param name="commit">Commits the group; returns the log's last position after it.</param>
    /// <param name="translate">The port's exception for a failed commit, or null to pass it on as it is.</param>
    /// <returns>Whether anything was written, and the last position then.</returns>
    public static async Task<(bool Written, long Last)> CommitWaitingAsync(ChannelReader<PendingAppend> queue, List<Member> group,
        Func<List<Member>, Task<long>> commit, Func<Exception, string, Exception?> translate)
    {
        group.Clear();
        while (group.Count < MaxAppendsPerCommit && queue.TryRead(out var append)) group.Add(new(append, null, null));
        long last = 0;
        try
        {
            last = await commit(group);
        }
        catch (Exception error)
        {
            // Rolled back, or (a connection broken during COMMIT) not known: no append of the group may count as written.
            var reported = translate(error, "an append failed") ?? error;
            for (var i = 0; i < group.Count; i++) group[i] = group[i] with { Result = null, Error = group[i].Error ?? reported };
        }
        foreach (var (append, result, error) in group)
        {
            if (result is not null) append.Result.SetResult(result);
            else append.Result.SetException(error!);
        }
        return (group.Any(m => m.Result is not null), last);
    }

    /// <summary>An append in a group, with what became of it.</summary>
    public readonly record struct Member(PendingAppend Append, AppendResult? Result, Exception? Error);
}
