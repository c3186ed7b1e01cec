using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Monitor.Tests.Process;

/// <summary>What tests do to a real store's files: copy a data folder, fold its WAL in, read it, damage it.</summary>
internal static class StoreFiles
{
    public static string Database(string folder) => Path.Combine(folder, "monitor.db");

    /// <summary>Copies every file of <paramref name="from"/> into <paramref name="to"/>, then folds the copy's WAL into its database.</summary>
    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        Execute(to, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    public static void Execute(string folder, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(folder);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    public static long Scalar(string folder, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(folder);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The position of the event whose stored JSON contains <paramref name="text"/>.</summary>
    public static long PositionOf(string folder, string text) =>
        Scalar(folder, "SELECT position FROM events WHERE instr(CAST(data AS TEXT), $text) > 0", ("$text", text));

    /// <summary>
    /// Overwrites the page of the database file that holds <paramref name="text"/> with garbage, as a failing
    /// disk sector would; returns its page number. The WAL must be folded in first (<see cref="CopyFolder"/>).
    /// </summary>
    public static long CorruptPageHolding(string folder, string text)
    {
        var bytes = File.ReadAllBytes(Database(folder));
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(16, 2)) is var size and not 1 ? size : 65_536;
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));
        Assert.True(at > pageSize, $"'{text}' is not in a page after the first one of {Database(folder)}");
        var page = at / pageSize;
        bytes.AsSpan(page * pageSize, pageSize).Fill(0xA5);
        File.WriteAllBytes(Database(folder), bytes);
        return page + 1;
    }

    private static SqliteConnection Open(string folder)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database(folder), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
