using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.EventStore;
using Monitor.EventStore.Postgres;
using Npgsql;

namespace Monitor.Tests.EventStore;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventStoreTests(PostgresServer server) : EventStoreContract
{
    private string _database = "";

    protected override async Task<IEventStore> CreateAsync() => Open(_database = await server.CreateDatabaseAsync());

    protected override IEventStore OpenAnother() => Open(_database);

    [Fact]
    public async Task What_was_acknowledged_survives_the_server_crashing()
    {
        var database = await server.CreateDatabaseAsync();
        var acknowledged = new List<AppendResult>();
        await using (var store = Open(database))
        {
            acknowledged.AddRange(await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
                store.AppendAsync($"s{i}", ExpectedRevision.NoStream, [Event($"kept {i}")]))));
            await server.CrashAndRestartAsync();
        }
        await using var reopened = Open(database);
        Assert.Equal(acknowledged.Select(r => r.Position).Order(), (await reopened.ReadAllAsync(0, 100)).Select(e => e.Position));
        await reopened.AppendAsync("s0", ExpectedRevision.At(0), [Event("next")]);
    }

    [Fact]
    public async Task An_append_by_another_process_wakes_a_waiting_reader_at_once()
    {
        var database = await server.CreateDatabaseAsync();
        await using var ours = Open(database);
        await using var theirs = Open(database);
        await theirs.AppendAsync("warm-up", ExpectedRevision.NoStream, [Event("x")]);
        await Eventually.TrueAsync(async () => await ours.HeadPositionAsync() == 1, "the first event");
        await Task.Delay(200); // ours is listening by now

        var waiting = ours.WaitForAppendAsync(1, CancellationToken.None);
        await theirs.AppendAsync("s", ExpectedRevision.NoStream, [Event("y")]);
        // Without the notification the wait would end only by its one-second safety net.
        Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(800))));
    }

    [Fact]
    public async Task The_schema_is_made_once_and_a_newer_one_is_refused()
    {
        var database = await server.CreateDatabaseAsync();
        var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Open(database))));
        foreach (var store in together) await store.DisposeAsync();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using (var versions = new NpgsqlCommand("SELECT array_agg(version) FROM schema_version", connection))
        {
            var recorded = (int[])(await versions.ExecuteScalarAsync())!;
            Assert.Equal(Enumerable.Range(1, PostgresSchema.Latest), recorded); // each version once, though three servers started together
        }

        await using (var upgrade = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES (99)", connection))
            await upgrade.ExecuteNonQueryAsync();
        var refused = Assert.Throws<StoreUnavailableException>(() => Open(database));
        Assert.Contains("schema version 99", refused.Message);
        Assert.Contains("ConnectionStrings:Postgres", refused.Message);
    }

    [Fact]
    public async Task A_database_in_schema_version_1_is_upgraded_keeping_its_events()
    {
        var database = await server.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            // As the first release left it: no created_ticks.
            await using var first = new NpgsqlCommand("""
                CREATE TABLE schema_version (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now());
                INSERT INTO schema_version (version) VALUES (1);
                CREATE TABLE events (position bigint PRIMARY KEY, stream text NOT NULL, revision bigint NOT NULL,
                    event_id uuid NOT NULL UNIQUE, type text NOT NULL, data bytea NOT NULL, created timestamptz NOT NULL,
                    UNIQUE (stream, revision));
                INSERT INTO events VALUES (1, 's', 0, gen_random_uuid(), 'test-event', 'kept', '2024-05-01T12:00:00.123456Z');
                """, connection);
            await first.ExecuteNonQueryAsync();
        }
        await using var store = Open(database);
        var kept = Assert.Single(await store.ReadAllAsync(0, 10));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), kept.Created);
        Assert.Equal("kept", Encoding.UTF8.GetString(kept.Data));
        Assert.Equal(new AppendResult(1, 2), await store.AppendAsync("s", ExpectedRevision.At(0), [Event("next")]));
    }

    [Fact]
    public void A_wrong_password_a_missing_database_and_no_server_are_refused_naming_the_setting()
    {
        var password = Assert.Throws<StoreUnavailableException>(() => Open(server.ConnectionString("postgres", "wrong")));
        Assert.Contains("ConnectionStrings:Postgres", password.Message);
        Assert.Contains("correct Username and Password", password.Message);
        Assert.DoesNotContain("wrong", password.Message);

        var database = Assert.Throws<StoreUnavailableException>(() => Open(server.ConnectionString("nowhere")));
        Assert.Contains("database 'nowhere'", database.Message);
        Assert.Contains("createdb", database.Message);

        var closed = new NpgsqlConnectionStringBuilder(server.ConnectionString("postgres")) { Port = 1 }.ToString();
        var unreachable = Assert.Throws<StoreUnavailableException>(() => Open(closed));
        Assert.Contains("127.0.0.1:1", unreachable.Message);
        Assert.Contains("cannot be reached", unreachable.Message);
        Assert.Contains("ConnectionStrings:Postgres", unreachable.Message);
    }

    private static PostgresEventStore Open(string connectionString) => PostgresEventStore.Open(connectionString, NullLogger.Instance);
}
