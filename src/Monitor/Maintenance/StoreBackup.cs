using Monitor.EventStore.Sqlite;
using Monitor.Files;

namespace Monitor.Maintenance;

/// <summary>
/// `monitor backup`: a consistent copy of the store, taken with SQLite's online backup while a server may be
/// appending, into a new owner-only file.
/// </summary>
public static class StoreBackup
{
    /// <exception cref="IOException">The destination exists and <paramref name="overwrite"/> is false, or is the store itself.</exception>
    public static void Copy(string databasePath, string destination, bool overwrite)
    {
        destination = Path.GetFullPath(destination);
        if (destination == Path.GetFullPath(databasePath)) throw new IOException($"{destination} is the store itself: name another file.");
        if (!overwrite && File.Exists(destination))
            throw new IOException($"{destination} exists: name a new file, or add --overwrite to replace it.");
        using var file = SqliteStoreFile.Open(databasePath);
        using (new FileStream(destination, OwnerOnly.Create(overwrite ? FileMode.Create : FileMode.CreateNew))) { } // owner-only before a page is copied
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(destination, OwnerOnly.FileMode);
        file.BackupTo(destination);
    }
}
