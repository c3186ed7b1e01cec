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
}
