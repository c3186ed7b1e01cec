using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Monitor.EventStore.Sqlite;

/// <summary>
/// The embedded log: one SQLite file in WAL mode with synchronous=FULL, so a commit is on disk before
/// an append returns. One writer task takes every append waiting in its queue and commits them in
/// one transaction (group commit): concurrent writers share an fsync instead of queueing for one each.
/// Each append still succeeds or fails on its own expected revision.
/// </summary>
public sealed class SqliteEventStore : IEventStore, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private readonly AppendSignal _signal = new();
    private readonly Task _writer;

    public SqliteEventStore(string path, TimeProvider clock)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        var connection = Open();
        SqliteSchema.Create(connection);
        _writer = Task.Factory.StartNew(() => new SqliteWriter(connection, clock).RunAsync(_queue.Reader, _signal),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        if (events.Count == 0) throw new ArgumentException("Append at least one event.", nameof(events));
        var pending = new PendingAppend(stream, expected, events);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(SqliteEventStore));
        // Not cancellable once queued: the caller must learn whether its write was committed.
        return await pending.Result.Task;
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long position, int maxCount, CancellationToken ct = default) =>
        ReadAsync("WHERE position > $from ORDER BY position LIMIT $max", position, maxCount, null, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string stream, long revision, int maxCount, CancellationToken ct = default) =>
        ReadAsync("WHERE stream = $stream AND revision >= $from ORDER BY revision LIMIT $max", revision, maxCount, stream, ct);

    public async Task<long> HeadPositionAsync(CancellationToken ct = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public Task WaitForAppendAsync(long position, CancellationToken ct) => _signal.WaitAsync(position, ct);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task<IReadOnlyList<RecordedEvent>> ReadAsync(string where, long from, int maxCount, string? stream, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stream, revision, position, event_id, type, data, created FROM events " + where;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$max", maxCount);
        if (stream is not null) command.Parameters.AddWithValue("$stream", stream);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(new RecordedEvent(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2),
                new Guid((byte[])reader[3]), reader.GetString(4), (byte[])reader[5],
                new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero)));
        }
        return events;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

internal sealed record PendingAppend(string Stream, ExpectedRevision Expected, IReadOnlyList<EventData> Events)
{
    public TaskCompletionSource<AppendResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
