using Microsoft.Data.Sqlite;

namespace Monitor.Bench;

/// <summary>
/// Where the bench's databases live: a fresh temp folder deleted afterwards, or a folder the user names,
/// where the bench's own files from an earlier run are replaced and this run's are kept.
/// </summary>
public sealed class BenchFolder : IDisposable
{
    private static readonly string[] Names = ["bench-appends.db", "bench-raw.db", "bench-ledger/monitor.db", "bench-ledger/read-models.snapshot"];
    private readonly bool _temporary;

    private BenchFolder(string root, bool temporary)
    {
        (Root, _temporary) = (root, temporary);
        Directory.CreateDirectory(LedgerFolder);
    }

    public string Root { get; }

    public string Appends => Path.Combine(Root, Names[0]);

    public string Raw => Path.Combine(Root, Names[1]);

    /// <summary>The filled ledger: a server's store (its data folder is <see cref="LedgerFolder"/>), so a server can be started on it.</summary>
    public string Ledger => Path.Combine(Root, Names[2]);

    public string LedgerFolder => Path.GetDirectoryName(Ledger)!;

    public static BenchFolder Create(string? given)
    {
        if (given is null) return new BenchFolder(Directory.CreateTempSubdirectory("monitor-bench-").FullName, temporary: true);
        var folder = new BenchFolder(Directory.CreateDirectory(given).FullName, temporary: false);
        foreach (var name in Names)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", ".has-history" }) File.Delete(Path.Combine(folder.Root, name + suffix));
        }
        return folder;
    }

    /// <summary>The folder an earlier `--data` run left, kept as it is: its ledger is timed again.</summary>
    /// <returns>Null when it holds no filled ledger.</returns>
    public static BenchFolder? Existing(string given)
    {
        var root = Path.GetFullPath(given);
        return File.Exists(Path.Combine(root, Names[2])) ? new BenchFolder(root, temporary: false) : null; // makes no folder when there is none
    }

    public void Dispose()
    {
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        if (_temporary) Directory.Delete(Root, recursive: true);
    }
}
