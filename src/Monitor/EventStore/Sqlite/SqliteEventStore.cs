using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Monitor.Files;

namespace Monitor.EventStore.Sqlite;

/// <summary>
/// The embedded log: one SQLite file in WAL mode with synchronous=FULL, so a commit is on disk before
/// an append returns. Every append waiting is committed in one transaction (group commit): concurrent
/// writers share an fsync instead of queueing for one each. Each append still succeeds or fails on its
/// own expected revision.
/// </summary>
public sealed class SqliteEventStore : IEventStore, ISubscriptionCheckpoints, IAsyncDisposable
{
    /// <summary>The store's name in the data folder.</summary>
    public const string FileName = "monitor.db";

    private readonly string _path;
    private readonly string _connectionString;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>();
    private readonly AppendSignal _signal = new();
    private readonly SqliteWriter _writer;
    // Held by whichever thread commits; once the store is disposed, nothing is committed any more.
    private readonly Lock _committing = new();
    private bool _closed;
    private readonly Lazy<string?> _finding;

    /// <exception cref="StoreDamagedException">The file is not a readable store, or is missing or empty after holding events.</exception>
    public SqliteEventStore(string path, TimeProvider clock)
    {
        _path = Path.GetFullPath(path);
        _finding = new(() => SqliteErrors.QuickCheck(_path)); // looked for once, when damage shows
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var marker = new HistoryMarker(_path);
        if (!File.Exists(_path))
        {
            if (marker.RefusalForEmpty("is missing") is { } refusal) throw new StoreDamagedException(refusal);
            new FileStream(_path, OwnerOnly.Create(FileMode.CreateNew)).Dispose(); // SQLite gives -wal and -shm the database's mode
        }
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Pooling = true }.ToString();
        SqliteConnection? connection = null;
        try
        {
            connection = Open();
            SqliteSchema.Create(connection);
            if (SqliteSchema.FirstRecorded(connection) is { } since) marker.Write(since);
            else if (marker.RefusalForEmpty("holds no events") is { } refusal) throw new StoreDamagedException(refusal);
        }
        catch (Exception error)
        {
            connection?.Dispose();
            if (Translate(error, "it cannot be opened") is { } translated) throw translated;
            throw;
        }
        _writer = new SqliteWriter(connection, clock, marker, Translate);
    }

    public async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        if (events.Count == 0) throw new ArgumentException("Append at least one event.", nameof(events));
        var pending = new PendingAppend(stream, expected, events);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(SqliteEventStore));
        // A caller commits once: what arrived meanwhile is committed on the thread pool, not by it for others.
        if (TryCommitWaiting() && _queue.Reader.Count > 0)
            ThreadPool.UnsafeQueueUserWorkItem(static store => store.CommitUntilNoneWait(), this, preferLocal: false);
        // Not cancellable once queued: the caller must learn whether its write was committed.
        return await pending.Result.Task;
    }

    /// <summary>
    /// Group commit with no writer thread to wake: an append that finds no commit under way commits, on its own thread,
    /// itself and every append waiting; one that finds a commit under way leaves its append to it. A lone append so
    /// returns without waiting on two other threads, which cost it a sixth to a third of its time on the 2-core VM.
    /// </summary>
    /// <returns>False when another thread is committing: it looks at the queue again once it is done.</returns>
    private bool TryCommitWaiting()
    {
        if (!_committing.TryEnter()) return false;
        try
        {
            if (_closed) return false;
            // Its append may be in a commit just ended: an empty queue needs no transaction.
            if (_queue.Reader.Count > 0) _writer.CommitWaiting(_queue.Reader, _signal);
            return true;
        }
        finally
        {
            _committing.Exit();
        }
    }

    private void CommitUntilNoneWait()
    {
        while (_queue.Reader.Count > 0 && TryCommitWaiting())
        {
        }
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long position, int maxCount, CancellationToken ct = default) =>
        ReadAllAsync<RecordedEvent>(position, maxCount, Copied, ct);

    public Task<IReadOnlyList<T>> ReadAllDecodedAsync<T>(long position, int maxCount, EventDecoder<T> decode, CancellationToken ct = default) =>
        ReadAllAsync(position, maxCount, (EventSelect select, out T decoded) => select.Next(decode, out decoded), ct);

    private Task<IReadOnlyList<T>> ReadAllAsync<T>(long position, int maxCount, ReadRow<T> next, CancellationToken ct) =>
        ReadAsync("WHERE position > $from ORDER BY position LIMIT $max", position, maxCount, null,
            $"the log cannot be read after position {position}", next, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string stream, long revision, int maxCount, CancellationToken ct = default) =>
        ReadAsync<RecordedEvent>("WHERE stream = $stream AND revision >= $from ORDER BY revision LIMIT $max", revision, maxCount, stream,
            $"stream '{stream}' cannot be read from revision {revision}", Copied, ct);

    private static bool Copied(EventSelect select, out RecordedEvent e) => (e = select.Next()!) is not null;

    public async Task<long> HeadPositionAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events";
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }
        catch (SqliteException error) when (Translate(error, "its last position cannot be read") is { } translated)
        {
            throw translated;
        }
    }

    public Task WaitForAppendAsync(long position, CancellationToken ct) => _signal.WaitAsync(position, ct);

    public async Task<long> CheckpointOfAsync(string subscription, CancellationToken ct = default)
    {
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT position FROM checkpoints WHERE subscription = $s";
            command.Parameters.AddWithValue("$s", subscription);
            return await command.ExecuteScalarAsync(ct) is long position ? position : 0;
        }
        catch (SqliteException error) when (Translate(error, $"the checkpoint of {subscription} cannot be read") is { } translated)
        {
            throw translated;
        }
    }

    public async Task SaveCheckpointAsync(string subscription, long position, CancellationToken ct = default)
    {
        try
        {
            // Beside the writer's connection: SQLite lets one write at a time, and each waits its turn (busy timeout).
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO checkpoints (subscription, position) VALUES ($s, $p)
                ON CONFLICT (subscription) DO UPDATE SET position = MAX(position, excluded.position)
                """;
            command.Parameters.AddWithValue("$s", subscription);
            command.Parameters.AddWithValue("$p", position);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (SqliteException error) when (Translate(error, $"the checkpoint of {subscription} cannot be saved") is { } translated)
        {
            throw translated;
        }
    }

    public async Task<bool> ForgetCheckpointPastAsync(string subscription, long head, CancellationToken ct = default)
    {
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM checkpoints WHERE subscription = $s AND position > $h";
            command.Parameters.AddWithValue("$s", subscription);
            command.Parameters.AddWithValue("$h", head);
            return await command.ExecuteNonQueryAsync(ct) > 0;
        }
        catch (SqliteException error) when (Translate(error, $"the checkpoint of {subscription} cannot be forgotten") is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Commits the appends already waiting, then closes the store: appends after this are refused.</summary>
    public ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        lock (_committing)
        {
            if (_closed) return ValueTask.CompletedTask;
            while (_queue.Reader.Count > 0) _writer.CommitWaiting(_queue.Reader, _signal);
            _closed = true;
            _writer.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The events the query finds, in order. Where a damaged page interrupts them, those before it are
    /// returned; the next read starts at the damage and fails naming its position.
    /// </summary>
    private async Task<IReadOnlyList<T>> ReadAsync<T>(string where, long from, int maxCount, string? stream, string failing, ReadRow<T> next,
        CancellationToken ct)
    {
        // Sized for a catch-up's batch at once: grown by doubling, the lists were a third of what a rebuild kept of each event.
        var events = new List<T>(Math.Min(maxCount, CatchUp.BatchSize));
        try
        {
            await using var connection = Open();
            using var select = new EventSelect(connection, where, _path).Bind("$from", from).Bind("$max", maxCount);
            if (stream is not null) select.Bind("$stream", stream);
            while (next(select, out var e))
            {
                ct.ThrowIfCancellationRequested();
                events.Add(e);
            }
        }
        catch (Exception error) when (events.Count > 0 && (SqliteErrors.IsDamage(error) || error is StoreDamagedException))
        {
            // Hand over what precedes the damage.
        }
        catch (SqliteException error) when (Translate(error, failing) is { } translated)
        {
            throw translated;
        }
        return events;
    }

    /// <summary>What a read makes of the select's next row; false past the last row.</summary>
    private delegate bool ReadRow<T>(EventSelect select, out T e);

    private Exception? Translate(Exception error, string doing) => SqliteErrors.Translate(error, _path, doing, () => _finding.Value);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
