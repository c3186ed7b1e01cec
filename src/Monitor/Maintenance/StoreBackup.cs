using Monitor.EventStore;
using Monitor.EventStore.Sqlite;
using Monitor.Files;

namespace Monitor.Maintenance;

/// <summary>
/// `monitor backup`: a consistent copy of the store, taken with SQLite's online backup while a server may be
/// appending, into a new owner-only file. The copy is made and checked beside the destination and only then takes its
/// name, so a copy that fails (a full disk, a damaged store) leaves the backup it would have replaced as it was.
/// </summary>
public static class StoreBackup
{
    /// <returns>What the copy holds.</returns>
    /// <exception cref="IOException">The destination exists and <paramref name="overwrite"/> is false, or is the store itself.</exception>
    /// <exception cref="StoreDamagedException">The copy is not whole.</exception>
    public static StoreSummary Copy(string databasePath, string destination, bool overwrite)
    {
        destination = Path.GetFullPath(destination);
        if (destination == Path.GetFullPath(databasePath)) throw new IOException($"{destination} is the store itself: name another file.");
        if (!overwrite && File.Exists(destination))
            throw new IOException($"{destination} exists: name a new file, or add --overwrite to replace it.");
        var partial = $"{destination}.partial-{Environment.ProcessId}";
        try
        {
            using (var file = SqliteStoreFile.Open(databasePath))
            {
                using (new FileStream(partial, OwnerOnly.Create(FileMode.CreateNew))) { } // owner-only before a page is copied
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(partial, OwnerOnly.FileMode);
                file.BackupTo(partial);
            }
            var (summary, problem) = StoreVerification.Verify(partial);
            if (summary is null) throw new StoreDamagedException($"The copy is not whole: {problem}");
            File.Move(partial, destination, overwrite);
            return summary;
        }
        finally
        {
            File.Delete(partial); // nothing once moved; what a failed copy left otherwise
        }
    }
}
