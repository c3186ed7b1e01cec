using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitor.EventStore.Sqlite;

/// <summary>
/// The writer's one INSERT, prepared once per commit and bound through SQLitePCL, on which Microsoft.Data.Sqlite is
/// built. Microsoft.Data.Sqlite binds each parameter afresh from a boxed value on every execution, and encodes the
/// stream and type names again each time: about a sixth of a batched append's time went there. Runs inside the
/// connection's open transaction, like any statement on that connection.
/// </summary>
internal sealed class EventInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    // Names as UTF-8, encoded once per commit: an append's events share a stream, and the log has few event types.
    private readonly Dictionary<string, byte[]> _names = new(StringComparer.Ordinal);

    public EventInsert(sqlite3 db)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v2(db,
            "INSERT INTO events (position, stream, revision, event_id, type, data, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            out _statement));
    }

    public void Run(long position, string stream, long revision, EventData e, long created)
    {
        Span<byte> id = stackalloc byte[16];
        e.EventId.TryWriteBytes(id);
        Check(raw.sqlite3_bind_int64(_statement, 1, position));
        Check(raw.sqlite3_bind_text(_statement, 2, Utf8(stream)));
        Check(raw.sqlite3_bind_int64(_statement, 3, revision));
        Check(raw.sqlite3_bind_blob(_statement, 4, id));
        Check(raw.sqlite3_bind_text(_statement, 5, Utf8(e.Type)));
        Check(raw.sqlite3_bind_blob(_statement, 6, e.Data));
        Check(raw.sqlite3_bind_int64(_statement, 7, created));
        var done = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (done != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(done, _db);
    }

    public void Dispose() => _statement.Dispose();

    private byte[] Utf8(string name)
    {
        if (!_names.TryGetValue(name, out var utf8)) _names[name] = utf8 = Encoding.UTF8.GetBytes(name);
        return utf8;
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, _db);
    }
}
