using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.EventStore;
using Monitor.EventStore.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Tests.EventStore;

/// <summary>
/// Why the store takes its append lock: a reader tailing the log by position must never pass a position whose
/// transaction commits late. Writers in two "processes" append concurrently while other transactions, on
/// connections of their own, number their events and then stay open on purpose; a reader in each process
/// follows the log from its checkpoint, as a projection does.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGapSafetyTests(PostgresServer server)
{
    [Fact]
    public async Task Readers_tailing_the_log_see_every_position_once_in_order_while_commits_come_late()
    {
        var database = await server.CreateDatabaseAsync();
        await using var first = PostgresEventStore.Open(database, NullLogger.Instance);
        await using var second = PostgresEventStore.Open(database, NullLogger.Instance);
        var writing = Task.WhenAll([
            .. Enumerable.Range(0, 8).Select(w => AppendAsync(w % 2 == 0 ? first : second, $"writer-{w}", appends: 40)),
            .. Enumerable.Range(0, 2).Select(l => AppendLateAsync(database, $"late-{l}", appends: 8)),
        ]);
        var readers = new[] { first, second }.Select(store => TailAsync(store, writing)).ToList();

        var written = (await writing).SelectMany(ids => ids).ToList();
        var head = await first.HeadPositionAsync();
        Assert.Equal(written.Count, head);
        foreach (var seen in await Task.WhenAll(readers))
        {
            Assert.Equal(Enumerable.Range(1, (int)head).Select(p => (long)p), seen.Select(e => e.Position));
            Assert.Equal(written.Order(), seen.Select(e => e.EventId).Order());
            Assert.Equal(seen.Select(e => e.Created).Order(), seen.Select(e => e.Created));
        }
    }

    [Fact]
    public async Task Appends_from_two_servers_hold_on_a_database_whose_default_isolation_is_serializable()
    {
        var database = await server.CreateDatabaseAsync();
        await using (var admin = new NpgsqlConnection(database))
        {
            await admin.OpenAsync();
            await using var set = new NpgsqlCommand($"ALTER DATABASE \"{admin.Database}\" SET default_transaction_isolation = 'serializable'", admin);
            await set.ExecuteNonQueryAsync();
        }
        await using var first = PostgresEventStore.Open(database, NullLogger.Instance);
        await using var second = PostgresEventStore.Open(database, NullLogger.Instance);

        var written = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => AppendAsync(w % 2 == 0 ? first : second, $"writer-{w}", appends: 20)));

        Assert.Equal(written.Sum(ids => ids.Count), await first.HeadPositionAsync());
    }

    /// <summary>What a catch-up reader sees, batch by batch from its checkpoint, until the writers are done and it has read all.</summary>
    private static async Task<List<RecordedEvent>> TailAsync(IEventStore store, Task writing)
    {
        var seen = new List<RecordedEvent>();
        long checkpoint = 0;
        while (true)
        {
            var writersDone = writing.IsCompleted; // read before the batch: when it is empty, nothing can follow
            var batch = await store.ReadAllAsync(checkpoint, maxCount: 5);
            seen.AddRange(batch);
            if (batch.Count > 0) checkpoint = batch[^1].Position;
            else if (writersDone) return seen;
            else await Task.WhenAny(store.WaitForAppendAsync(checkpoint, CancellationToken.None), writing);
        }
    }

    private static async Task<List<Guid>> AppendAsync(IEventStore store, string stream, int appends)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < appends; i++)
        {
            var events = Enumerable.Range(0, 1 + i % 3).Select(_ => Event(stream)).ToList();
            await store.AppendAsync(stream, ExpectedRevision.Any, events);
            ids.AddRange(events.Select(e => e.EventId));
        }
        return ids;
    }

    /// <summary>
    /// Appends through the store's own statements on a connection of its own, keeping each transaction open a while
    /// after numbering its event.
    /// </summary>
    private static async Task<List<Guid>> AppendLateAsync(string database, string stream, int appends)
    {
        var ids = new List<Guid>();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        for (var i = 0; i < appends; i++)
        {
            await Task.Delay(Random.Shared.Next(20, 120));
            await using var transaction = await connection.BeginTransactionAsync();
            var e = Event(stream);
            await using (var append = new NpgsqlCommand("SELECT * FROM monitor_append($1, $2, $3, $4, $5, $6)", connection))
            {
                append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [stream] });
                append.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [ExpectedRevision.Any.Value] });
                append.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [1] });
                append.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [e.EventId] });
                append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [e.Type] });
                append.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [e.Data], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                await append.ExecuteNonQueryAsync();
            }
            await Task.Delay(Random.Shared.Next(50, 250)); // its position is taken and not yet committed
            await transaction.CommitAsync();
            ids.Add(e.EventId);
        }
        return ids;
    }

    private static EventData Event(string text) => new(Guid.NewGuid(), "test-event", Encoding.UTF8.GetBytes(text));
}
