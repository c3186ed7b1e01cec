using Monitor.EventStore;
using Monitor.EventStore.Postgres;
using Monitor.EventStore.Sqlite;
using Monitor.Hosting;
using Monitor.Projections;

namespace Monitor.Maintenance;

/// <param name="Total">How many events the embedded store holds.</param>
public sealed record MigrationResult(string StorePath, long Total, ImportResult Import);

/// <summary>
/// `monitor migrate`: the embedded store's whole log copied into PostgreSQL, every event as it was, so a server
/// started there serves the same history. Subscriptions and deliveries are events too, so they come along; so does how
/// far alert detection had got.
/// </summary>
public static class Migration
{
    /// <param name="progress">Told how many of the store's events have been compared or copied, and of how many.</param>
    /// <exception cref="IOException">There is no store in the folder, or a server is running on it.</exception>
    /// <exception cref="StoreDamagedException">The store cannot be read whole, or was emptied after holding events.</exception>
    /// <exception cref="HistoryConflictException">The database holds another history; nothing was copied.</exception>
    /// <exception cref="StoreUnavailableException">The database cannot be reached or written.</exception>
    public static async Task<MigrationResult> RunAsync(string dataDirectory, string connectionString, Action<long, long> progress,
        CancellationToken ct)
    {
        using var file = SqliteStoreFile.Open(Path.Combine(dataDirectory, SqliteEventStore.FileName));
        // The folder's lock, as serve takes it: a server still recording into the file would leave what it records
        // after the copy behind, and none can start on the folder while this copies.
        using var folder = Hold(dataDirectory);
        var total = file.Head();
        if (total == 0 && file.EmptyRefusal is { } refusal) throw new StoreDamagedException(refusal);
        var import = await PostgresImport.ImportAsync(connectionString, Contiguous(file.Events()), file.Checkpoints(),
            done => progress(done, total), ct);
        return new MigrationResult(file.Path, total, import);
    }

    private static DataFolder Hold(string dataDirectory)
    {
        try
        {
            return DataFolder.Take(dataDirectory);
        }
        catch (StartRefusedException held)
        {
            var lockFile = Path.Combine(dataDirectory, DataFolder.LockFileName);
            throw new IOException($"A monitor server is running on {dataDirectory} (it holds {lockFile}): stop it first, "
                + "so that nothing it records after the copy is left behind, then run migrate again.", held);
        }
    }

    /// <summary>The events as read, checked to follow on from position 1: the database's readers rely on a log without gaps.</summary>
    private static IEnumerable<RecordedEvent> Contiguous(IEnumerable<RecordedEvent> events)
    {
        long last = 0;
        foreach (var e in events)
        {
            if (e.Position != ++last) throw StoredEvents.Damaged(e, "does not follow the last one read", $"position {last} is missing from the log.");
            yield return e;
        }
    }
}
