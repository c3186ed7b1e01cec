using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Alerts;
using Monitor.Alerts.Detection;
using Monitor.EventStore;
using Monitor.EventStore.Postgres;
using Monitor.EventStore.Sqlite;
using Monitor.Maintenance;
using Monitor.Subscriptions;
using Monitor.Tests.EventStore;
using Monitor.Tests.Process;

namespace Monitor.Tests.Maintenance;

/// <summary>`monitor migrate`: a real embedded store, written by the real server, copied into a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresServer postgres, EmbeddedHistory history) : IClassFixture<EmbeddedHistory>
{
    [Fact]
    public async Task Every_event_is_copied_as_it_was_and_a_second_run_copies_nothing()
    {
        var database = await postgres.CreateDatabaseAsync();
        var embedded = await ReadEmbeddedAsync(history.DataDirectory);

        var first = await MigrateAsync(history.DataDirectory, database);
        Assert.True(first.Code == 0, first.Error);
        Assert.Matches($@"copied\s+{embedded.Count:N0} events", first.Output);
        Assert.Matches(@"already there\s+0 events", first.Output);
        Assert.Matches($@"head\s+position {embedded.Count:N0}", first.Output);
        AssertSameEvents(embedded, await ReadPostgresAsync(database));

        var second = await MigrateAsync(history.DataDirectory, database);
        Assert.True(second.Code == 0, second.Error);
        Assert.Matches(@"copied\s+0 events", second.Output);
        Assert.Matches($@"already there\s+{embedded.Count:N0} events", second.Output);
        AssertSameEvents(embedded, await ReadPostgresAsync(database));
    }

    [Fact]
    public async Task A_server_on_the_migrated_database_answers_as_the_embedded_one_did()
    {
        var database = await postgres.CreateDatabaseAsync();
        var migrated = await MigrateAsync(history.DataDirectory, database);
        Assert.True(migrated.Code == 0, migrated.Error);

        using var elsewhere = new TempFolder();
        using var server = await ServerProcess.StartAsync(elsewhere.Path, EmbeddedHistory.Key, "Monitor:Store=postgres",
            "ConnectionStrings:Postgres=" + database);
        using var http = server.Client(EmbeddedHistory.Key);
        foreach (var (read, answer) in history.Answers) Assert.Equal(answer, await EmbeddedHistory.ReadAsync(http, read));
    }

    [Fact]
    public async Task How_far_alert_detection_had_got_comes_along_unless_the_database_has_got_further()
    {
        var head = (await ReadEmbeddedAsync(history.DataDirectory)).Count;
        await using (var embedded = new SqliteEventStore(Path.Combine(history.DataDirectory, SqliteEventStore.FileName), TimeProvider.System))
            await embedded.SaveCheckpointAsync(DetectionCheckpoint.Subscription, head);
        var database = await postgres.CreateDatabaseAsync();

        Assert.True((await MigrateAsync(history.DataDirectory, database)) is { Code: 0 }, "migrate");
        await using var store = PostgresEventStore.Open(database, NullLogger.Instance);
        Assert.Equal(head, await store.CheckpointOfAsync(DetectionCheckpoint.Subscription));

        await store.SaveCheckpointAsync(DetectionCheckpoint.Subscription, head + 5); // a server on the database went on
        Assert.True((await MigrateAsync(history.DataDirectory, database)) is { Code: 0 }, "migrate again");
        Assert.Equal(head + 5, await store.CheckpointOfAsync(DetectionCheckpoint.Subscription));
    }

    [Fact]
    public async Task A_database_holding_another_history_is_refused_and_left_as_it_was()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using (var other = PostgresEventStore.Open(database, NullLogger.Instance))
            await other.AppendAsync(AlertStreams.Subscriptions, ExpectedRevision.NoStream, [Ended(), Ended()]);
        var before = await ReadPostgresAsync(database);

        var refused = await MigrateAsync(history.DataDirectory, database);
        Assert.Equal(1, refused.Code);
        Assert.Contains("holds another history: at position 1 it has event", refused.Error);
        Assert.Contains("Nothing was copied", refused.Error);
        AssertSameEvents(before, await ReadPostgresAsync(database));
    }

    [Fact]
    public async Task A_rerun_copies_only_what_the_database_lacks_and_a_database_ahead_of_the_store_is_fine()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var grown = new TempFolder();
        StoreFiles.CopyFolder(history.DataDirectory, grown.Path);
        var first = await Migration.RunAsync(grown.Path, database, (_, _) => { }, CancellationToken.None);

        await using (var embedded = new SqliteEventStore(StoreFiles.Database(grown.Path), TimeProvider.System))
            await embedded.AppendAsync(AlertStreams.Subscriptions, ExpectedRevision.Any, [Ended()]);
        var behind = await Migration.RunAsync(grown.Path, database, (_, _) => { }, CancellationToken.None);
        Assert.Equal(new ImportResult(1, first.Total, first.Total + 1), behind.Import);

        await using (var served = PostgresEventStore.Open(database, NullLogger.Instance))
            await served.AppendAsync(AlertStreams.Subscriptions, ExpectedRevision.Any, [Ended()]);
        var ahead = await Migration.RunAsync(grown.Path, database, (_, _) => { }, CancellationToken.None);
        Assert.Equal(new ImportResult(0, first.Total + 1, first.Total + 2), ahead.Import);
        AssertSameEvents(await ReadEmbeddedAsync(grown.Path), [.. (await ReadPostgresAsync(database)).SkipLast(1)]);
    }

    [Fact]
    public async Task An_append_after_the_copied_events_is_recorded_no_earlier_than_the_last_of_them()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var data = new TempFolder();
        // A clock far ahead, its time reaching below PostgreSQL's microsecond: the database's clock is behind it.
        var ahead = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(5);
        await using (var store = new SqliteEventStore(StoreFiles.Database(data.Path), new FakeTimeProvider(ahead)))
            await store.AppendAsync(AlertStreams.Subscriptions, ExpectedRevision.NoStream, [Ended()]);
        await Migration.RunAsync(data.Path, database, (_, _) => { }, CancellationToken.None);

        await using var served = PostgresEventStore.Open(database, NullLogger.Instance);
        await served.AppendAsync(AlertStreams.Subscriptions, ExpectedRevision.At(0), [Ended()]);
        var events = await served.ReadAllAsync(0, 10);
        Assert.Equal([ahead, ahead.AddTicks(5)], events.Select(e => e.Created)); // the next microsecond
    }

    [Fact]
    public async Task A_long_history_reports_its_progress_as_it_is_compared_and_copied()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var data = new TempFolder();
        var ledger = new Monitor.Bench.SyntheticLedger(25_000);
        await using (var store = new SqliteEventStore(StoreFiles.Database(data.Path), TimeProvider.System))
        {
            for (var i = 0; i < 25; i++) await store.AppendAsync(Monitor.Recording.Ledger.StreamName, ExpectedRevision.Any, ledger.Next(1_000));
        }

        var copying = new List<(long, long)>();
        await Migration.RunAsync(data.Path, database, (done, total) => copying.Add((done, total)), CancellationToken.None);
        Assert.Equal([(10_000L, 25_000L), (20_000L, 25_000L)], copying);
        var comparing = new List<(long, long)>();
        var again = await Migration.RunAsync(data.Path, database, (done, total) => comparing.Add((done, total)), CancellationToken.None);
        Assert.Equal([(10_000L, 25_000L), (20_000L, 25_000L), (25_000L, 25_000L)], comparing);
        Assert.Equal(new ImportResult(0, 25_000, 25_000), again.Import);
        AssertSameEvents(await ReadEmbeddedAsync(data.Path), await ReadPostgresAsync(database));
    }

    [Fact]
    public async Task Migrate_refuses_while_a_server_runs_on_the_folder_and_names_what_is_missing()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var data = new TempFolder();
        using (await ServerProcess.StartAsync(data.Path, EmbeddedHistory.Key))
        {
            var running = await MigrateAsync(data.Path, database);
            Assert.Equal(1, running.Code);
            Assert.Contains($"A monitor server is running on {data.Path}", running.Error);
        }
        Assert.Empty(await ReadPostgresAsync(database));

        var unset = await MonitorCli.RunAsync(data.Path, "migrate", "--data", data.Path);
        Assert.Equal(1, unset.Code);
        Assert.Contains("ConnectionStrings:Postgres is not set", unset.Error);

        var unreachable = await MigrateAsync(data.Path, $"Host=127.0.0.1;Port=1;Database=monitor;Username={PostgresServer.User};Password=x");
        Assert.Equal(1, unreachable.Code);
        Assert.Contains("cannot be reached", unreachable.Error);

        using var empty = new TempFolder();
        var none = await MigrateAsync(empty.Path, database);
        Assert.Equal(1, none.Code);
        Assert.Contains($"There is no store at {StoreFiles.Database(empty.Path)}", none.Error);
    }

    private static Task<(int Code, string Output, string Error)> MigrateAsync(string data, string connectionString) =>
        MonitorCli.RunAsync(data, "migrate", "--data", data, "--ConnectionStrings:Postgres=" + connectionString);

    private static EventData Ended() => SubscriptionCodec.Encode(new SubscriptionEvent.SubscriptionEnded(Guid.NewGuid()));

    private static async Task<IReadOnlyList<RecordedEvent>> ReadEmbeddedAsync(string data)
    {
        await using var store = new SqliteEventStore(StoreFiles.Database(data), TimeProvider.System);
        return await store.ReadAllAsync(0, int.MaxValue);
    }

    private static async Task<IReadOnlyList<RecordedEvent>> ReadPostgresAsync(string database)
    {
        await using var store = PostgresEventStore.Open(database, NullLogger.Instance);
        return await store.ReadAllAsync(0, int.MaxValue);
    }

    private static void AssertSameEvents(IReadOnlyList<RecordedEvent> expected, IReadOnlyList<RecordedEvent> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal((e.Position, e.Stream, e.Revision, e.EventId, e.Type, e.Created.UtcTicks),
                (a.Position, a.Stream, a.Revision, a.EventId, a.Type, a.Created.UtcTicks));
            Assert.Equal(e.Data, a.Data);
        }
    }
}
