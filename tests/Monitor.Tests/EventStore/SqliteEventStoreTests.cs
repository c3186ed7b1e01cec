using Monitor.EventStore;
using Monitor.EventStore.Sqlite;

namespace Monitor.Tests.EventStore;

public sealed class SqliteEventStoreTests : EventStoreContract
{
    private readonly TempFolder _folder = new();

    protected override Task<IEventStore> CreateAsync() =>
        Task.FromResult<IEventStore>(new SqliteEventStore(Path.Combine(_folder.Path, "events.db"), TimeProvider.System));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task What_was_acknowledged_is_there_after_reopening_the_file()
    {
        var path = Path.Combine(_folder.Path, "reopen.db");
        var store = new SqliteEventStore(path, TimeProvider.System);
        await store.AppendAsync("s", ExpectedRevision.NoStream, [Event("kept")]);
        await store.DisposeAsync();
        var reopened = new SqliteEventStore(path, TimeProvider.System);
        await using var _ = reopened;
        Assert.Single(await reopened.ReadStreamAsync("s", 0, 10));
        await reopened.AppendAsync("s", ExpectedRevision.At(0), [Event("next")]);
    }

    [Fact]
    public async Task A_writer_in_another_process_is_seen_not_collided_with()
    {
        var path = Path.Combine(_folder.Path, "shared.db");
        await using var ours = new SqliteEventStore(path, TimeProvider.System);
        await using var theirs = new SqliteEventStore(path, TimeProvider.System); // its own connection and writer, as another process has

        await ours.AppendAsync("s", ExpectedRevision.NoStream, [Event("ours 0")]);
        await theirs.AppendAsync("s", ExpectedRevision.At(0), [Event("theirs 1")]);
        await theirs.AppendAsync("other", ExpectedRevision.NoStream, [Event("theirs elsewhere")]);
        var stale = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => ours.AppendAsync("s", ExpectedRevision.At(0), [Event("stale")]));
        Assert.Equal(1, stale.ActualRevision);
        var result = await ours.AppendAsync("s", ExpectedRevision.At(1), [Event("ours 2")]);

        Assert.Equal((2L, 4L), (result.Revision, result.Position));
        Assert.Equal([1L, 2L, 3L, 4L], (await ours.ReadAllAsync(0, 10)).Select(e => e.Position));
    }

    [Fact]
    public async Task A_store_that_held_events_and_is_now_empty_refuses_to_open()
    {
        var path = Path.Combine(_folder.Path, "emptied.db");
        await using (var store = new SqliteEventStore(path, TimeProvider.System))
            await store.AppendAsync("s", ExpectedRevision.NoStream, [Event("kept")]);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await File.WriteAllBytesAsync(path, []);
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");

        var refused = Assert.Throws<StoreDamagedException>(() => new SqliteEventStore(path, TimeProvider.System));
        Assert.Contains("holds no events", refused.Message);
        Assert.Contains(path + ".has-history", refused.Message);
    }
}
