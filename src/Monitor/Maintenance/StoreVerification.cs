using Microsoft.Data.Sqlite;
using Monitor.EventStore;
using Monitor.EventStore.Sqlite;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Maintenance;

/// <summary>What a whole store holds.</summary>
public sealed record StoreSummary(long Events, int Developments, int Streams, DateTimeOffset? FirstRecorded, DateTimeOffset? LastRecorded);

/// <summary>
/// `monitor verify`: SQLite's integrity check, then every event read in order and decoded by its stream's
/// codec, positions without gaps and each stream's revisions in sequence. The first problem ends it.
/// </summary>
public static class StoreVerification
{
    /// <returns>What the store holds, or else the first problem found.</returns>
    public static (StoreSummary? Summary, string? Problem) Verify(string databasePath)
    {
        try
        {
            using var file = SqliteStoreFile.Open(databasePath);
            if (file.IntegrityProblem() is { } problem)
                return (null, SqliteErrors.Damaged(file.Path, "SQLite's integrity check fails", problem));
            var summary = Walk(file.Events());
            return summary.Events == 0 && file.EmptyRefusal is { } refusal ? (null, refusal) : (summary, null);
        }
        catch (Exception error) when (error is StoreDamagedException or FileNotFoundException or SqliteException)
        {
            return (null, error.Message);
        }
    }

    /// <exception cref="StoreDamagedException">An event is missing, out of its stream's order, or cannot be decoded.</exception>
    public static StoreSummary Walk(IEnumerable<RecordedEvent> events)
    {
        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
        long position = 0;
        var developments = 0;
        DateTimeOffset? first = null, last = null;
        foreach (var e in events)
        {
            if (e.Position != position + 1)
                throw StoredEvents.Damaged(e, "does not follow the last one read", $"position {position + 1} is missing from the log.");
            var revision = revisions.GetValueOrDefault(e.Stream, -1) + 1;
            if (e.Revision != revision)
                throw StoredEvents.Damaged(e, "is out of its stream's order", $"revision {revision} of '{e.Stream}' should come next.");
            if (StoredEvents.Decode(e) is LedgerEvent.DevelopmentRecorded) developments++;
            revisions[e.Stream] = revision;
            position = e.Position;
            first ??= e.Created;
            last = e.Created;
        }
        return new StoreSummary(position, developments, revisions.Count, first, last);
    }
}
