using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monitor.EventStore.Postgres;

/// <summary>
/// The server-grade log: one `events` table in a PostgreSQL database that several monitor processes may share.
/// <para>
/// Gap-safe global order. A sequence alone would let a reader skip an event: A takes position 5, B takes 6 and
/// commits first, a reader sees 6 and moves its checkpoint past 5 before A commits. So every append transaction,
/// in every process, first takes one transaction-scoped advisory lock (<see cref="PostgresAppend.Lock"/>), then
/// reads where the log ends and numbers its events after it, and holds the lock until it commits. PostgreSQL makes
/// a commit visible to new snapshots before it releases the committing transaction's locks, so the next holder
/// starts after the previous one is visible: transactions commit in position order, and any snapshot that shows
/// position p shows every position before it. A reader's plain `position > checkpoint` query can therefore never
/// pass over a position that commits later, and positions have no holes (a rolled-back append numbered nothing).
/// </para>
/// <para>
/// Concurrent appends in this process share one transaction (<see cref="PostgresWriter"/>), so the lock is
/// taken once per group, not once per append. `created` is the database's clock under the lock, never behind the
/// last event's. Readers are woken by NOTIFY from any process (<see cref="PostgresNotifications"/>).
/// </para>
/// </summary>
public sealed class PostgresEventStore : IEventStore, ISubscriptionCheckpoints, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnectionStringBuilder _settings;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private readonly AppendSignal _signal = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private readonly Task _listener;

    private PostgresEventStore(NpgsqlDataSource dataSource, NpgsqlConnectionStringBuilder settings, ILogger logger)
    {
        (_dataSource, _settings) = (dataSource, settings);
        var writer = new PostgresWriter(dataSource, Translate);
        _writer = Task.Run(() => writer.RunAsync(_queue.Reader, _signal));
        var notifications = new PostgresNotifications(dataSource, _signal, logger);
        _listener = Task.Run(() => notifications.ListenAsync(_stopping.Token));
    }

    /// <summary>Connects to the database, creating or upgrading its tables.</summary>
    /// <param name="connectionString">In Npgsql's format (ConnectionStrings:Postgres).</param>
    /// <exception cref="ArgumentException">The connection string is not in Npgsql's format.</exception>
    /// <exception cref="StoreUnavailableException">The server cannot be reached, refuses the user, or holds a newer schema.</exception>
    public static PostgresEventStore Open(string connectionString, ILogger logger)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Idle connections are pinged: one dropped without a word (a NAT's or firewall's idle timeout) fails, and the
            // listener for appends reconnects rather than waiting on it for good.
            KeepAlive = 15,
        };
        // An append takes the append lock, then reads the log's end in a statement of its own, which must see what was
        // committed before the lock was granted: a snapshot per statement, whatever the database's default.
        settings.Options = $"{settings.Options} -c default_transaction_isolation=read\\ committed".Trim();
        var dataSource = NpgsqlDataSource.Create(settings);
        try
        {
            using var connection = dataSource.OpenConnection();
            PostgresSchema.Upgrade(connection, PostgresErrors.Where(settings));
        }
        catch (Exception error)
        {
            dataSource.Dispose();
            if (PostgresErrors.Translate(error, settings, "the store cannot be opened") is { } translated) throw translated;
            throw;
        }
        return new PostgresEventStore(dataSource, settings, logger);
    }

    public async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        if (events.Count == 0) throw new ArgumentException("Append at least one event.", nameof(events));
        var pending = new PendingAppend(stream, expected, events);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(PostgresEventStore));
        // Not cancellable once queued: the caller must learn whether its write was committed.
        return await pending.Result.Task;
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long position, int maxCount, CancellationToken ct = default) =>
        ReadAsync("WHERE position > $1 ORDER BY position LIMIT $2", position, maxCount, null,
            $"the log cannot be read after position {position}", ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string stream, long revision, int maxCount, CancellationToken ct = default) =>
        ReadAsync("WHERE stream = $3 AND revision >= $1 ORDER BY revision LIMIT $2", revision, maxCount, stream,
            $"stream '{stream}' cannot be read from revision {revision}", ct);

    public async Task<long> HeadPositionAsync(CancellationToken ct = default)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT COALESCE(MAX(position), 0) FROM events");
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }
        catch (NpgsqlException error) when (Translate(error, "its last position cannot be read") is { } translated)
        {
            throw translated;
        }
    }

    public Task WaitForAppendAsync(long position, CancellationToken ct) => _signal.WaitAsync(position, ct);

    public async Task<long> CheckpointOfAsync(string subscription, CancellationToken ct = default)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT position FROM checkpoints WHERE subscription = $1");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subscription });
            return await command.ExecuteScalarAsync(ct) is long position ? position : 0;
        }
        catch (NpgsqlException error) when (Translate(error, $"the checkpoint of {subscription} cannot be read") is { } translated)
        {
            throw translated;
        }
    }

    public async Task SaveCheckpointAsync(string subscription, long position, CancellationToken ct = default)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(PostgresSchema.SaveCheckpoint);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subscription });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException error) when (Translate(error, $"the checkpoint of {subscription} cannot be saved") is { } translated)
        {
            throw translated;
        }
    }

    public async Task<bool> ForgetCheckpointPastAsync(string subscription, long head, CancellationToken ct = default)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("DELETE FROM checkpoints WHERE subscription = $1 AND position > $2");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subscription });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = head });
            return await command.ExecuteNonQueryAsync(ct) > 0;
        }
        catch (NpgsqlException error) when (Translate(error, $"the checkpoint of {subscription} cannot be forgotten") is { } translated)
        {
            throw translated;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await _stopping.CancelAsync();
        await _listener;
        _stopping.Dispose();
        await _dataSource.DisposeAsync();
    }

    private async Task<IReadOnlyList<RecordedEvent>> ReadAsync(string where, long from, int maxCount, string? stream, string failing, CancellationToken ct)
    {
        var events = new List<RecordedEvent>();
        try
        {
            await using var command = _dataSource.CreateCommand(PostgresSchema.SelectEvent + " " + where);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
            if (stream is not null) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) events.Add(PostgresSchema.Event(reader));
        }
        catch (NpgsqlException error) when (Translate(error, failing) is { } translated)
        {
            throw translated;
        }
        return events;
    }

    private Exception? Translate(Exception error, string doing) => PostgresErrors.Translate(error, _settings, doing);
}
