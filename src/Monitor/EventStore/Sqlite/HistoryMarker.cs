using System.Globalization;
using Monitor.Files;

namespace Monitor.EventStore.Sqlite;

/// <summary>
/// A file beside the database (`monitor.db.has-history`) written once the store holds an event. A store
/// that is missing or empty while its marker exists was emptied or lost, not new: it must not be seeded
/// and served as if fresh.
/// </summary>
internal sealed class HistoryMarker(string databasePath)
{
    public string Path { get; } = databasePath + ".has-history";

    public bool Exists => File.Exists(Path);

    /// <summary>Writes the marker if it is not there yet; an I/O failure (a full disk) leaves it for the next call.</summary>
    public void Write(DateTimeOffset firstRecorded)
    {
        if (Exists) return;
        try
        {
            using var writer = new StreamWriter(Path, OwnerOnly.Create(FileMode.CreateNew));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{System.IO.Path.GetFileName(databasePath)} in this folder has held events since {firstRecorded:O}."));
            writer.WriteLine("If it is ever missing or empty, the monitor refuses to start: restore it from a backup (see the README).");
            writer.WriteLine("Delete this file only to start a new, empty store here on purpose.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Written at the next commit, or at the next start: both see a store with events and no marker. Never thrown
            // on: this runs on the store's single writer, which must go on answering appends.
        }
    }

    /// <summary>Why a store with no events must not be used, when its marker says it had some; null when it is simply new.</summary>
    public string? RefusalForEmpty(string what) => Exists
        ? $"{databasePath} {what}, but {Path} shows it held events. It was emptied, replaced or lost: "
          + "stop, restore the latest backup (README: Backup and restore) and run `monitor verify`. "
          + $"To start a new, empty store here on purpose, delete {Path}."
        : null;
}
