using System.Globalization;
using Monitor.EventStore.Sqlite;
using Monitor.Files;
using Monitor.Projections.Snapshots;

namespace Monitor.Hosting;

/// <summary>
/// The data folder, owner-only and held by one server at a time: `monitor.lock` stays open with an exclusive
/// lock (flock on Linux) while the server runs, and the OS lets go of it when the process ends, however it ends.
/// </summary>
public sealed class DataFolder : IDisposable
{
    public const string LockFileName = "monitor.lock";
    private const int WouldBlock = 11; // EAGAIN: .NET reports the errno as the IOException's HResult on Unix
    private readonly FileStream _lock;

    private DataFolder(string path, FileStream held, bool shared) => (Path, _lock, Shared) = (path, held, shared);

    public string Path { get; }

    /// <summary>It holds files other than the monitor's, so its own mode was left as it was (see <see cref="OwnerOnly.Folder"/>).</summary>
    public bool Shared { get; }

    /// <summary>Whether a file in the folder is the monitor's: the store and what SQLite keeps beside it, the lock, the
    /// read models' snapshot, and a key an earlier version kept here; each with the temporary copies written before a rename.</summary>
    public static bool Holds(string fileName) =>
        fileName.StartsWith(SqliteEventStore.FileName, StringComparison.Ordinal)
        || fileName == LockFileName
        || fileName.StartsWith(ReadModelSnapshot.FileName, StringComparison.Ordinal)
        || fileName.StartsWith(AnalystKeyFile.FileName, StringComparison.Ordinal);

    /// <exception cref="StartRefusedException">Another server holds the folder.</exception>
    public static DataFolder Take(string path)
    {
        var shared = OwnerOnly.Folder(path, Holds);
        var lockPath = System.IO.Path.Combine(path, LockFileName);
        FileStream held;
        try
        {
            held = new FileStream(lockPath, OwnerOnly.Create(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException error) when (error.HResult == WouldBlock)
        {
            throw new StartRefusedException($"Another monitor server is running on the data folder {path}: it holds {lockPath}, "
                + "which names its process. Stop that server first, or give this one a folder of its own with --data DIR.", error);
        }
        held.SetLength(0);
        held.Write(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"held by process {Environment.ProcessId} since {DateTimeOffset.UtcNow:O}\n")));
        held.Flush();
        return new DataFolder(path, held, shared);
    }

    public void Dispose() => _lock.Dispose();
}
