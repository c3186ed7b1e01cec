using System.Runtime.InteropServices;
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
        if (!Step(out var row)) return null;
        var (stream, revision, position, id, type, created) = Header(row);
        return new RecordedEvent(stream, revision, position, id, type, row.Bytes(5).ToArray(), created);
    }

    /// <summary>What <paramref name="decode"/> makes of the next row's event, its data read where SQLite holds it.</summary>
    /// <returns>False past the last row.</returns>
    /// <inheritdoc cref="Next()" path="/exception"/>
    public bool Next<T>(EventDecoder<T> decode, out T decoded)
    {
        if (!Step(out var row))
        {
            decoded = default!;
            return false;
        }
        var (stream, revision, position, id, type, created) = Header(row);
        decoded = decode(new EventHeader(stream, revision, position, id, type, created), row.Bytes(5));
        return true;
    }

    private bool Step(out Row row)
    {
        var stepped = raw.sqlite3_step(_statement);
        row = new Row(_statement.DangerousGetHandle());
        if (stepped == raw.SQLITE_DONE) return false;
        if (stepped != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(stepped, _db);
        Expect(row, 0, raw.SQLITE_TEXT, "stream");
        Expect(row, 1, raw.SQLITE_INTEGER, "revision");
        Expect(row, 2, raw.SQLITE_INTEGER, "position");
        Expect(row, 3, raw.SQLITE_BLOB, "event id");
        Expect(row, 4, raw.SQLITE_TEXT, "type");
        Expect(row, 5, raw.SQLITE_BLOB, "data");
        Expect(row, 6, raw.SQLITE_INTEGER, "time recorded");
        return true;
    }

    private (string Stream, long Revision, long Position, Guid Id, string Type, DateTimeOffset Created) Header(Row row)
    {
        var id = row.Bytes(3);
        if (id.Length != 16) throw Damaged($"its event id is {id.Length} bytes, not 16");
        var created = row.Long(6);
        if (created < DateTimeOffset.MinValue.UtcTicks || created > DateTimeOffset.MaxValue.UtcTicks) throw Damaged($"{created} is not an instant");
        return (Name(row, 0), row.Long(1), row.Long(2), new Guid(id), Name(row, 4), new DateTimeOffset(created, TimeSpan.Zero));
    }

    public void Dispose() => _statement.Dispose();

    private string Name(Row row, int column)
    {
        var utf8 = row.Bytes(column);
        foreach (var (known, name) in _names)
        {
            if (utf8.SequenceEqual(known)) return name;
        }
        var made = Encoding.UTF8.GetString(utf8);
        if (_names.Count < MaxNames) _names.Add((utf8.ToArray(), made));
        return made;
    }

    private void Expect(Row row, int column, int type, string what)
    {
        if (row.Type(column) != type)
            throw Damaged($"its {what} is not {(type == raw.SQLITE_TEXT ? "text" : type == raw.SQLITE_BLOB ? "a blob" : "an integer")}");
    }

    private StoreDamagedException Damaged(string detail) => new(SqliteErrors.Damaged(_path,
        $"the row at position {raw.sqlite3_column_int64(_statement, 2)} is not an event as this program writes them", detail));

    /// <summary>
    /// The current row's columns, read from SQLite directly: SQLitePCL checks the statement's handle out and in again
    /// for each of the row's fourteen reads, which took a rebuild's reading thread 0.3 s per million rows. The
    /// statement outlives the row (it is this select's), and the reads are short and never block, so they skip the
    /// runtime's transition too. A column's bytes last until the next step.
    /// </summary>
    private readonly unsafe struct Row(nint statement)
    {
        public int Type(int column) => Native.sqlite3_column_type(statement, column);

        public long Long(int column) => Native.sqlite3_column_int64(statement, column);

        public ReadOnlySpan<byte> Bytes(int column)
        {
            var at = Native.sqlite3_column_blob(statement, column);
            return at == 0 ? default : new ReadOnlySpan<byte>((void*)at, Native.sqlite3_column_bytes(statement, column));
        }
    }

    /// <summary>The library SQLitePCL's bundle loads (e_sqlite3), for the reads of <see cref="Row"/>.</summary>
    private static class Native
    {
        private const string Library = "e_sqlite3";

        // A statement is only valid in the library that prepared it: should another provider be configured one day,
        // the first read says so rather than handing this library a pointer it never made.
        static Native()
        {
            if (raw.GetNativeLibraryName() != Library)
                throw new InvalidOperationException($"Events are read from {Library} directly, but SQLitePCL uses {raw.GetNativeLibraryName()}.");
        }

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_column_type(nint statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern long sqlite3_column_int64(nint statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern nint sqlite3_column_blob(nint statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_column_bytes(nint statement, int column);
    }

    private int Index(string name) =>
        raw.sqlite3_bind_parameter_index(_statement, name) is var index and > 0 ? index : throw new ArgumentException($"The SELECT takes no {name}.", nameof(name));

    private EventSelect Check(int result)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, _db);
        return this;
    }
}
