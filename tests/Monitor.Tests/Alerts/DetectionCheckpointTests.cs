using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Alerts.Detection;
using Monitor.Channels;
using Monitor.EventStore;
using Monitor.EventStore.Sqlite;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Tests.Alerts;

/// <summary>
/// Detection's checkpoint is saved beside the log and read by every server: a server lets go of the changes
/// detection handled, wherever it ran, and a restarted server's rebuild keeps none of them.
/// </summary>
public sealed class DetectionCheckpointTests
{
    private static readonly DateTimeOffset At = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_server_lets_go_the_changes_detection_handled_anywhere_and_a_rebuild_keeps_none_of_them()
    {
        using var folder = new TempFolder();
        await using var store = new SqliteEventStore(Path.Combine(folder.Path, SqliteEventStore.FileName), TimeProvider.System);
        EventData[] log =
        [
            LedgerCodec.Encode(Suspension("military", "2024-05-01")), LedgerCodec.Encode(Suspension("theater-commander", "2024-05-02")),
        ];
        await store.AppendAsync(Ledger.StreamName, ExpectedRevision.NoStream, log);
        var here = Rebuilt(log);
        Assert.Equal([1L, 2L], here.Changes.After(0).Select(c => c.Position));

        // Detection ran on another server, handled the first change and saved how far it got.
        await Checkpoint(store, Rebuilt(log)).SaveAsync(1, default);
        await Checkpoint(store, here).ReadAsync(default);
        Assert.Equal([2L], here.Changes.After(0).Select(c => c.Position));

        // A restart reads the checkpoint as its rebuild begins: the rebuilt feed holds only the change still owed.
        var restarted = new ReadModel(new ChannelCatalog(ChannelCatalog.Defaults));
        await Checkpoint(store, restarted).ReadAsync(default);
        Apply(restarted, log);
        Assert.Equal([2L], restarted.Changes.After(0).Select(c => c.Position));
    }

    [Fact]
    public async Task A_checkpoint_past_the_restored_log_is_forgotten_so_the_changes_the_log_records_again_still_alert()
    {
        using var folder = new TempFolder();
        await using var store = new SqliteEventStore(Path.Combine(folder.Path, SqliteEventStore.FileName), TimeProvider.System);
        EventData[] log = [LedgerCodec.Encode(Suspension("military", "2024-05-01"))];
        await store.AppendAsync(Ledger.StreamName, ExpectedRevision.NoStream, log);
        // Saved by detection on the log before it was restored from an older copy of its events.
        await store.SaveCheckpointAsync(DetectionCheckpoint.Subscription, 40);

        var restarted = new ReadModel(new ChannelCatalog(ChannelCatalog.Defaults));
        Assert.Equal(0, await Checkpoint(store, restarted).ReadAsync(default));
        Apply(restarted, log);

        Assert.Equal([1L], restarted.Changes.After(0).Select(c => c.Position));
        Assert.Equal(0, await store.CheckpointOfAsync(DetectionCheckpoint.Subscription));
    }

    [Fact]
    public async Task Readers_at_start_all_wait_for_the_check_so_none_takes_a_checkpoint_past_the_restored_log()
    {
        using var folder = new TempFolder();
        await using var store = new SqliteEventStore(Path.Combine(folder.Path, SqliteEventStore.FileName), TimeProvider.System);
        await store.AppendAsync(Ledger.StreamName, ExpectedRevision.NoStream, [LedgerCodec.Encode(Suspension("military", "2024-05-01"))]);
        await store.SaveCheckpointAsync(DetectionCheckpoint.Subscription, 40);

        // The first scheduled run and the append trigger read it at once as the server starts; the check's read of the
        // log's end is slow, so the others read the checkpoint while it runs.
        var checkpoint = new DetectionCheckpoint(store, new SlowHead(store), new ReadModel(new ChannelCatalog(ChannelCatalog.Defaults)),
            NullLogger<DetectionCheckpoint>.Instance);
        var first = checkpoint.ReadAsync(default);
        var others = Enumerable.Range(0, 4).Select(_ => checkpoint.ReadAsync(default)).ToList();

        Assert.All(await Task.WhenAll([first, .. others]), handled => Assert.Equal(0, handled));
    }

    /// <summary>The real store, but its end takes a while to read.</summary>
    private sealed class SlowHead(IEventStore store) : IEventStore
    {
        public async Task<long> HeadPositionAsync(CancellationToken ct = default)
        {
            await Task.Delay(300, ct);
            return await store.HeadPositionAsync(ct);
        }

        public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken ct = default) =>
            store.AppendAsync(stream, expected, events, ct);
        public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long position, int maxCount, CancellationToken ct = default) =>
            store.ReadAllAsync(position, maxCount, ct);
        public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string stream, long revision, int maxCount, CancellationToken ct = default) =>
            store.ReadStreamAsync(stream, revision, maxCount, ct);
        public Task WaitForAppendAsync(long position, CancellationToken ct) => store.WaitForAppendAsync(position, ct);
    }

    private static DetectionCheckpoint Checkpoint(SqliteEventStore store, ReadModel model) =>
        new(store, store, model, NullLogger<DetectionCheckpoint>.Instance);

    private static ReadModel Rebuilt(EventData[] log)
    {
        var model = new ReadModel(new ChannelCatalog(ChannelCatalog.Defaults));
        Apply(model, log);
        return model;
    }

    private static void Apply(ReadModel model, EventData[] log)
    {
        foreach (var data in log)
        {
            var position = model.Checkpoint + 1;
            model.Apply([new RecordedEvent(Ledger.StreamName, position - 1, position, data.EventId, data.Type, data.Data, At.AddMinutes(position))]);
        }
    }

    private static LedgerEvent Suspension(string channel, string day) =>
        new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), new DevelopmentFacts([channel], DevelopmentKind.Suspended, Period.Parse(day),
            "Talks suspended.", [], [new Source("Talks suspended", "Reuters", null, PartialDate.Of(2024, 5, 3), "talks were suspended")]));
}
