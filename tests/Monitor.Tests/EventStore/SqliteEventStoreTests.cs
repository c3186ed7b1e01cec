using Microsoft.Data.Sqlite;
using Monitor.EventStore;
using Monitor.EventStore.Sqlite;

namespace Monitor.Tests.EventStore;

public sealed class SqliteEventStoreTests : EventStoreContract
{
    private readonly TempFolder _folder = new();

    private string Log => Path.Combine(_folder.Path, "events.db");

    protected override Task<IEventStore> CreateAsync() => Task.FromResult<IEventStore>(new SqliteEventStore(Log, TimeProvider.System));

    protected override IEventStore OpenAnother() => new SqliteEventStore(Log, TimeProvider.System);

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
    public async Task A_new_log_is_laid_out_in_8_KB_pages()
    {
        var path = Path.Combine(_folder.Path, "new.db");
        await using (var store = new SqliteEventStore(path, TimeProvider.System))
            await store.AppendAsync("s", ExpectedRevision.NoStream, [Event("first")]);

        Assert.Equal(8192, PageSize(path));
    }

    [Fact]
    public async Task A_log_made_with_smaller_pages_keeps_them_and_takes_appends()
    {
        var path = Path.Combine(_folder.Path, "older.db");
        using (var older = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            older.Open();
            using var command = older.CreateCommand();
            command.CommandText = "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE made_before (x INTEGER);";
            command.ExecuteNonQuery();
        }

        await using (var store = new SqliteEventStore(path, TimeProvider.System))
        {
            await store.AppendAsync("s", ExpectedRevision.NoStream, [Event("first"), Event("second")]);
            Assert.Equal(2, (await store.ReadStreamAsync("s", 0, 10)).Count);
        }
        Assert.Equal(4096, PageSize(path));
    }

    private static long PageSize(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_store_that_held_events_and_is_now_empty_refuses_to_open()
    {
        var path = Path.Combine(_folder.Path, "emptied.db");
        await using (var store = new SqliteEventStore(path, TimeProvider.System))
            await store.AppendAsync("s", ExpectedRevision.NoStream, [Event("kept")]);
        SqliteConnection.ClearAllPools();
        await File.WriteAllBytesAsync(path, []);
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");

        var refused = Assert.Throws<StoreDamagedException>(() => new SqliteEventStore(path, TimeProvider.System));
        Assert.Contains("holds no events", refused.Message);
        Assert.Contains(path + ".has-history", refused.Message);
    }

    [Theory]
    [InlineData("event_id = X'0102'", "its event id is 2 bytes, not 16")]
    [InlineData("data = 'text, not a blob'", "its data is not a blob")]
    [InlineData("stream = X'73'", "its stream is not text")]
    [InlineData("created = 'yesterday'", "its time recorded is not an integer")]
    public async Task A_row_that_is_not_an_event_is_read_as_damage_after_the_events_before_it(string damage, string said)
    {
        var path = Path.Combine(_folder.Path, "row.db");
        await using (var store = new SqliteEventStore(path, TimeProvider.System))
            await store.AppendAsync("s", ExpectedRevision.NoStream, [Event("first"), Event("second"), Event("third")]);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE events SET {damage} WHERE position = 2";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        await using var reopened = new SqliteEventStore(path, TimeProvider.System);
        Assert.Equal([1L], (await reopened.ReadAllAsync(0, 10)).Select(e => e.Position)); // what precedes the damage
        var damaged = await Assert.ThrowsAsync<StoreDamagedException>(() => reopened.ReadAllAsync(1, 10));
        Assert.Contains("the row at position 2 is not an event as this program writes them", damaged.Message);
        Assert.Contains(said, damaged.Message);
        // The same when the events are decoded where they are read, as a rebuild reads them.
        Assert.Equal([1L], await reopened.ReadAllDecodedAsync(0, 10, (header, _) => header.Position));
        var decoding = await Assert.ThrowsAsync<StoreDamagedException>(() => reopened.ReadAllDecodedAsync(1, 10, (header, _) => header.Position));
        Assert.Equal(damaged.Message, decoding.Message);
    }
}
