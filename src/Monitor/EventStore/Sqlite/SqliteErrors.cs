using Microsoft.Data.Sqlite;

namespace Monitor.EventStore.Sqlite;

/// <summary>SQLite's failures in the port's terms: a full disk or a busy file may pass; damage does not.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5, Locked = 6, Corrupt = 11, Full = 13, NotADatabase = 26;
    private const int NoSpaceOnDevice = 28; // ENOSPC: .NET reports the errno as the IOException's HResult on Unix

    public static bool IsDamage(Exception error) => error is SqliteException { SqliteErrorCode: Corrupt or NotADatabase };

    /// <summary>The port's exception for <paramref name="error"/>, or null when it is none of these.</summary>
    /// <param name="doing">What failed, as the damage message says it: "the log cannot be read after position 7".</param>
    /// <param name="finding">What SQLite's own check finds, where known (the damaged page).</param>
    public static Exception? Translate(Exception error, string databasePath, string doing, Func<string?>? finding = null)
    {
        var folder = Path.GetDirectoryName(databasePath);
        return error switch
        {
            SqliteException { SqliteErrorCode: Full } or IOException { HResult: NoSpaceOnDevice } => new StoreUnavailableException(
                $"The disk holding {folder} is full: free space there and retry.", TimeSpan.FromSeconds(30), error),
            SqliteException { SqliteErrorCode: Busy or Locked } => new StoreUnavailableException(
                $"Another process is holding {databasePath}: retry shortly.", TimeSpan.FromSeconds(1), error),
            _ when IsDamage(error) => new StoreDamagedException(Damaged(databasePath, doing,
                finding?.Invoke() is { } found ? $"{error.Message} SQLite's check finds: {found}" : error.Message), error),
            _ => null,
        };
    }

    public static string Damaged(string databasePath, string problem, string detail) =>
        $"{databasePath} is damaged: {problem} ({detail}). Run `monitor verify --data {Path.GetDirectoryName(databasePath)}` "
        + "for a full report, then restore the latest backup (README: Backup and restore).";

    /// <summary>SQLite's quick check of the file: its first finding (it names the page), or null when it finds none or cannot run.</summary>
    public static string? QuickCheck(string databasePath)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(1)";
            return Finding((string)command.ExecuteScalar()!);
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    /// <summary>The first line an integrity or quick check returns, on one line; null for "ok".</summary>
    public static string? Finding(string checkResult)
    {
        var finding = checkResult.Replace("*** in database main ***", "").Trim().ReplaceLineEndings(" ");
        return finding == "ok" ? null : finding;
    }
}
