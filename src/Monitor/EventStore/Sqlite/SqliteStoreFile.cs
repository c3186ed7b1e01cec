using Microsoft.Data.Sqlite;

namespace Monitor.EventStore.Sqlite;

/// <summary>
/// The store's file, opened by a command beside a running server or without one: everything it reads comes
/// from one snapshot (a read transaction), so a server appending meanwhile changes nothing it sees.
/// </summary>
internal sealed class SqliteStoreFile : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _snapshot;

    private SqliteStoreFile(string path, SqliteConnection connection)
    {
        (Path, _connection) = (path, connection);
        _snapshot = connection.BeginTransaction(deferred: true);
    }

    public string Path { get; }

    /// <summary>Why an empty store must not be taken as new, when its marker says it held events; null otherwise.</summary>
    public string? EmptyRefusal => new HistoryMarker(Path).RefusalForEmpty("holds no events");

    /// <exception cref="StoreDamagedException">The file is missing though it held events, or is not a database.</exception>
    /// <exception cref="FileNotFoundException">There is no store at <paramref name="path"/>.</exception>
    public static SqliteStoreFile Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new HistoryMarker(path).RefusalForEmpty("is missing") is { } refusal
                ? new StoreDamagedException(refusal) : new FileNotFoundException($"There is no store at {path}.", path);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        try
        {
            connection.Open();
            return new SqliteStoreFile(path, connection);
        }
        catch (Exception error)
        {
            connection.Dispose();
            if (SqliteErrors.Translate(error, path, "it cannot be opened") is { } translated) throw translated;
            throw;
        }
    }

    /// <summary>SQLite's integrity check (every page, every index entry): its first finding, or null when it finds none.</summary>
    public string? IntegrityProblem()
    {
        using var command = Command("PRAGMA integrity_check(1)");
        return SqliteErrors.Finding((string)command.ExecuteScalar()!);
    }

    /// <summary>The position of the snapshot's last event (0: it holds none).</summary>
    public long Head()
    {
        using var command = Command("SELECT COALESCE(MAX(position), 0) FROM events");
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>How far each subscription that acts on the log had got, by name (none in a store written before they were kept).</summary>
    public IReadOnlyDictionary<string, long> Checkpoints()
    {
        var checkpoints = new Dictionary<string, long>(StringComparer.Ordinal);
        using var exists = Command("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'");
        if ((long)exists.ExecuteScalar()! == 0) return checkpoints;
        using var command = Command("SELECT subscription, position FROM checkpoints");
        using var reader = command.ExecuteReader();
        while (reader.Read()) checkpoints[reader.GetString(0)] = reader.GetInt64(1);
        return checkpoints;
    }

    /// <summary>Every event in position order, read as it goes.</summary>
    /// <exception cref="StoreDamagedException">A page cannot be read, or a row is not an event.</exception>
    public IEnumerable<RecordedEvent> Events()
    {
        using var select = new EventSelect(_connection, "ORDER BY position", Path);
        long last = 0;
        while (true)
        {
            RecordedEvent? e;
            try
            {
                e = select.Next();
            }
            catch (SqliteException error) when (SqliteErrors.IsDamage(error))
            {
                throw new StoreDamagedException(SqliteErrors.Damaged(Path, $"the log cannot be read after position {last}", error.Message), error);
            }
            if (e is null) yield break;
            last = e.Position;
            yield return e;
        }
    }

    /// <summary>Copies the snapshot into <paramref name="destination"/> with SQLite's online backup.</summary>
    public void BackupTo(string destination)
    {
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        copy.Open();
        _connection.BackupDatabase(copy);
    }

    public void Dispose()
    {
        _snapshot.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _snapshot;
        command.CommandText = sql;
        return command;
    }
}
