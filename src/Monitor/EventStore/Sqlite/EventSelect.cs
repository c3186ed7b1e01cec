using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitor.EventStore.Sqlite;

/// <summary>
/// The store's one SELECT of events, stepped through SQLitePCL as <see cref="EventInsert"/> binds the INSERT.
/// Microsoft.Data.Sqlite reads each column through the statement's handle, checked out and in again, boxes the blobs,
/// and makes the stream's and the type's names afresh for every row: a rebuild read a million copies of "ledger". Here
/// the names rows repeat are made once per read, and a row that does not hold an event as this program writes them
/// is damage, said as such.
/// </summary>
internal sealed class EventSelect : IDisposable
{
    private const string Columns = "SELECT stream, revision, position, event_id, type, data, created FROM events";
    // The log has few streams that many rows share (the ledger, the subscriptions) and few event types.
    private const int MaxNames = 32;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string _path;
    private readonly List<(byte[] Utf8, string Name)> _names = [];

    /// <param name="where">What follows the column list: a WHERE clause with $from, $max and $stream, or an ORDER BY.</param>
    public EventSelect(SqliteConnection connection, string where, string path)
    {
        (_db, _path) = (connection.Handle!, path);
        var prepared = raw.sqlite3_prepare_v2(_db, Columns + " " + where, out _statement);
        if (prepared != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(prepared, _db);
    }

    public EventSelect Bind(string name, long value) => Check(raw.sqlite3_bind_int64(_statement, Index(name), value));

    public EventSelect Bind(string name, string value) => Check(raw.sqlite3_bind_text(_statement, Index(name), value));

    /// <summary>The next row's event; null past the last row.</summary>
    /// <exception cref="SqliteException">The row cannot be read.</exception>
    /// <exception cref="StoreDamagedException">The row does not hold an event as this program writes them.</exception>
    public RecordedEvent? Next()
    {
        var stepped = raw.sqlite3_step(_statement);
        if (stepped == raw.SQLITE_DONE) return null;
        if (stepped != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(stepped, _db);
        Expect(0, raw.SQLITE_TEXT, "stream");
        Expect(1, raw.SQLITE_INTEGER, "revision");
        Expect(2, raw.SQLITE_INTEGER, "position");
        Expect(3, raw.SQLITE_BLOB, "event id");
        Expect(4, raw.SQLITE_TEXT, "type");
        Expect(5, raw.SQLITE_BLOB, "data");
        Expect(6, raw.SQLITE_INTEGER, "time recorded");
        var id = raw.sqlite3_column_blob(_statement, 3);
        if (id.Length != 16) throw Damaged($"its event id is {id.Length} bytes, not 16");
        var created = raw.sqlite3_column_int64(_statement, 6);
        if (created < DateTimeOffset.MinValue.UtcTicks || created > DateTimeOffset.MaxValue.UtcTicks) throw Damaged($"{created} is not an instant");
        return new RecordedEvent(Name(0), raw.sqlite3_column_int64(_statement, 1), raw.sqlite3_column_int64(_statement, 2), new Guid(id),
            Name(4), raw.sqlite3_column_blob(_statement, 5).ToArray(), new DateTimeOffset(created, TimeSpan.Zero));
    }

    public void Dispose() => _statement.Dispose();

    private string Name(int column)
    {
        var utf8 = raw.sqlite3_column_blob(_statement, column);
        foreach (var (known, name) in _names)
        {
            if (utf8.SequenceEqual(known)) return name;
        }
        var made = Encoding.UTF8.GetString(utf8);
        if (_names.Count < MaxNames) _names.Add((utf8.ToArray(), made));
        return made;
    }

    private void Expect(int column, int type, string what)
    {
        if (raw.sqlite3_column_type(_statement, column) != type)
            throw Damaged($"its {what} is not {(type == raw.SQLITE_TEXT ? "text" : type == raw.SQLITE_BLOB ? "a blob" : "an integer")}");
    }

    private StoreDamagedException Damaged(string detail) => new(SqliteErrors.Damaged(_path,
        $"the row at position {raw.sqlite3_column_int64(_statement, 2)} is not an event as this program writes them", detail));

    private int Index(string name) =>
        raw.sqlite3_bind_parameter_index(_statement, name) is var index and > 0 ? index : throw new ArgumentException($"The SELECT takes no {name}.", nameof(name));

    private EventSelect Check(int result)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, _db);
        return this;
    }
}
