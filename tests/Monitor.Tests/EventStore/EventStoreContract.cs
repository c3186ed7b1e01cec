using System.Text;
using Monitor.EventStore;
using Monitor.Projections;

namespace Monitor.Tests.EventStore;

/// <summary>What every event-store adapter must do. An adapter's tests are a one-line subclass.</summary>
public abstract class EventStoreContract : IAsyncLifetime
{
    protected IEventStore Store { get; private set; } = null!;

    protected abstract Task<IEventStore> CreateAsync();

    /// <summary>Another store on the log <see cref="Store"/> writes to, as another process would open it.</summary>
    protected abstract IEventStore OpenAnother();

    public async Task InitializeAsync() => Store = await CreateAsync();

    public virtual async Task DisposeAsync()
    {
        if (Store is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    protected static EventData Event(string text) => new(Guid.NewGuid(), "test-event", Encoding.UTF8.GetBytes(text));

    private static string Stream() => "stream-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_writer_in_another_process_is_seen_not_collided_with_and_shares_one_order()
    {
        var theirs = OpenAnother(); // its own connections and writer
        await using var _ = theirs as IAsyncDisposable;

        await Store.AppendAsync("s", ExpectedRevision.NoStream, [Event("ours 0")]);
        await theirs.AppendAsync("s", ExpectedRevision.At(0), [Event("theirs 1")]);
        await theirs.AppendAsync("other", ExpectedRevision.NoStream, [Event("theirs elsewhere")]);
        var stale = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => Store.AppendAsync("s", ExpectedRevision.At(0), [Event("stale")]));
        Assert.Equal(1, stale.ActualRevision);
        var result = await Store.AppendAsync("s", ExpectedRevision.At(1), [Event("ours 2")]);

        Assert.Equal((2L, 4L), (result.Revision, result.Position));
        Assert.Equal([1L, 2L, 3L, 4L], (await Store.ReadAllAsync(0, 10)).Select(e => e.Position));
        Assert.Equal([1L, 2L, 3L, 4L], (await theirs.ReadAllAsync(0, 10)).Select(e => e.Position));
    }

    [Fact]
    public async Task A_decoded_read_hands_over_the_events_a_copied_read_does()
    {
        var stream = Stream();
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, [Event("a"), Event("bb"), Event("ccc")]);
        var start = (await Store.ReadStreamAsync(stream, 0, 1))[0].Position - 1;

        var copied = await Store.ReadAllAsync(start, 2);
        var decoded = await Store.ReadAllDecodedAsync(start, 2, (header, data) => (Header: header, Text: Encoding.UTF8.GetString(data)));

        Assert.Equal(["a", "bb"], decoded.Select(d => d.Text));
        Assert.Equal(copied.Select(e => (e.Stream, e.Revision, e.Position, e.EventId, e.Type, e.Created)),
            decoded.Select(d => (d.Header.Stream, d.Header.Revision, d.Header.Position, d.Header.EventId, d.Header.Type, d.Header.Created)));
    }

    [Fact]
    public async Task Appends_to_a_new_stream_from_revision_zero()
    {
        var stream = Stream();
        var result = await Store.AppendAsync(stream, ExpectedRevision.NoStream, [Event("a"), Event("b")]);
        Assert.Equal(1, result.Revision);
        var read = await Store.ReadStreamAsync(stream, 0, 10);
        Assert.Equal(["a", "b"], read.Select(e => Encoding.UTF8.GetString(e.Data)));
        Assert.Equal([0L, 1L], read.Select(e => e.Revision));
        Assert.Equal(result.Position, read[^1].Position);
    }

    [Fact]
    public async Task Refuses_a_wrong_expected_revision_and_writes_nothing()
    {
        var stream = Stream();
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, [Event("a")]);
        var head = await Store.HeadPositionAsync();
        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => Store.AppendAsync(stream, ExpectedRevision.NoStream, [Event("b")]));
        Assert.Equal(0, error.ActualRevision);
        await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => Store.AppendAsync(stream, ExpectedRevision.At(5), [Event("b")]));
        await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => Store.AppendAsync(Stream(), ExpectedRevision.StreamExists, [Event("b")]));
        Assert.Equal(head, await Store.HeadPositionAsync());
        Assert.Single(await Store.ReadStreamAsync(stream, 0, 10));
    }

    [Fact]
    public async Task Accepts_the_right_expected_revision_and_any()
    {
        var stream = Stream();
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, [Event("a")]);
        await Store.AppendAsync(stream, ExpectedRevision.At(0), [Event("b")]);
        await Store.AppendAsync(stream, ExpectedRevision.StreamExists, [Event("c")]);
        var result = await Store.AppendAsync(stream, ExpectedRevision.Any, [Event("d")]);
        Assert.Equal(3, result.Revision);
    }

    [Fact]
    public async Task Gives_back_each_event_as_appended_byte_for_byte()
    {
        var stream = "flux-" + Guid.NewGuid().ToString("N") + "-ü";
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        EventData[] appended =
        [
            new(Guid.NewGuid(), "Tipo-évènement", bytes),
            new(Guid.NewGuid(), "empty", []),
            new(Guid.NewGuid(), "test-event", Encoding.UTF8.GetBytes("{\"a\":1}")),
        ];
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, appended);

        var read = await Store.ReadStreamAsync(stream, 0, 10);
        Assert.Equal(appended.Select(e => (e.EventId, e.Type, Convert.ToHexString(e.Data))),
            read.Select(e => (e.EventId, e.Type, Convert.ToHexString(e.Data))));
        Assert.All(read, e => Assert.Equal(stream, e.Stream));
        Assert.Equal([0L, 1L, 2L], read.Select(e => e.Revision));
    }

    [Fact]
    public async Task Refuses_an_event_id_already_in_the_log_writing_nothing_of_that_append_and_goes_on()
    {
        var stream = Stream();
        var first = Event("first");
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, [first]);
        var head = await Store.HeadPositionAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => Store.AppendAsync(stream, ExpectedRevision.Any, [Event("new"), first with { Type = "again" }]));

        Assert.Equal(head, await Store.HeadPositionAsync());
        var after = await Store.AppendAsync(stream, ExpectedRevision.At(0), [Event("next")]);
        Assert.Equal((1L, head + 1), (after.Revision, after.Position));
    }

    [Fact]
    public async Task Reads_all_in_global_order_from_a_checkpoint_without_gaps()
    {
        var start = await Store.HeadPositionAsync();
        var streams = Enumerable.Range(0, 5).Select(_ => Stream()).ToList();
        foreach (var stream in streams) await Store.AppendAsync(stream, ExpectedRevision.Any, [Event(stream + "/0"), Event(stream + "/1")]);
        var all = await Store.ReadAllAsync(start, 100);
        Assert.Equal(10, all.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => start + i), all.Select(e => e.Position));
        var fromMiddle = await Store.ReadAllAsync(all[4].Position, 3);
        Assert.Equal(all.Skip(5).Take(3).Select(e => e.EventId), fromMiddle.Select(e => e.EventId));
    }

    [Fact]
    public async Task Concurrent_appends_to_one_stream_succeed_exactly_once_per_revision()
    {
        var stream = Stream();
        await Store.AppendAsync(stream, ExpectedRevision.NoStream, [Event("first")]);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await Store.AppendAsync(stream, ExpectedRevision.At(0), [Event($"racer {i}")]);
                return true;
            }
            catch (WrongExpectedRevisionException)
            {
                return false;
            }
        }));
        Assert.Single(attempts, won => won);
        Assert.Equal(2, (await Store.ReadStreamAsync(stream, 0, 100)).Count);
    }

    [Fact]
    public async Task Concurrent_appends_to_many_streams_all_land_in_one_order()
    {
        var start = await Store.HeadPositionAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Store.AppendAsync(Stream(), ExpectedRevision.NoStream, [Event($"e{i}")])));
        Assert.Equal(200, results.Select(r => r.Position).Distinct().Count());
        var all = await Store.ReadAllAsync(start, 1000);
        Assert.Equal(results.Select(r => r.Position).Order(), all.Select(e => e.Position));
    }

    [Fact]
    public async Task A_catch_up_subscription_sees_history_then_new_events()
    {
        var start = await Store.HeadPositionAsync();
        await Store.AppendAsync(Stream(), ExpectedRevision.Any, [Event("old")]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        var subscription = Task.Run(async () =>
        {
            await foreach (var batch in Store.SubscribeToAll(start, cancel.Token))
            {
                seen.AddRange(batch.Select(e => Encoding.UTF8.GetString(e.Data)));
                if (seen.Count >= 2) return;
            }
        });
        await Task.Delay(100);
        await Store.AppendAsync(Stream(), ExpectedRevision.Any, [Event("new")]);
        await subscription;
        Assert.Equal(["old", "new"], seen);
    }

    [Fact]
    public async Task A_decoded_catch_up_reads_a_long_log_in_turns_in_log_order_then_follows_new_events()
    {
        var start = await Store.HeadPositionAsync();
        // Five whole batches and a short one: the readers' turns end on a batch not full.
        var history = Enumerable.Range(0, 5 * CatchUp.BatchSize + 7).Select(i => $"e{i}").ToList();
        foreach (var part in history.Chunk(1_000)) await Store.AppendAsync(Stream(), ExpectedRevision.Any, [.. part.Select(Event)]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var historyRead = new TaskCompletionSource();
        var (texts, positions, sizes) = (new List<string>(), new List<long>(), new List<int>());
        var subscription = Task.Run(async () =>
        {
            await foreach (var batch in Store.SubscribeDecoded(start, Decode, cancel.Token))
            {
                sizes.Add(batch.Count);
                texts.AddRange(batch.Select(e => (string)e.Event!));
                positions.AddRange(batch.Select(e => e.Recorded.Position));
                if (texts.Count == history.Count) historyRead.SetResult();
                if (texts.Count > history.Count) return;
            }
        });
        await historyRead.Task.WaitAsync(cancel.Token);
        await Store.AppendAsync(Stream(), ExpectedRevision.Any, [Event("new")]);
        await subscription;

        Assert.Equal([.. history, "new"], texts);
        Assert.Equal(Enumerable.Range(1, history.Count + 1).Select(i => start + i), positions);
        Assert.All(sizes, size => Assert.InRange(size, 1, CatchUp.BatchSize));
    }

    [Fact]
    public async Task A_decoded_catch_up_that_fails_in_a_later_batch_gives_every_batch_before_it_first()
    {
        var start = await Store.HeadPositionAsync();
        await Store.AppendAsync(Stream(), ExpectedRevision.Any, [.. Enumerable.Range(0, 3 * CatchUp.BatchSize).Select(i => Event($"e{i}"))]);
        var failAt = start + CatchUp.BatchSize + 10; // in the second batch, which the second reader reads
        var read = new List<long>();

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var batch in Store.SubscribeDecoded(start, (header, data) =>
                header.Position == failAt ? throw new InvalidOperationException("cannot decode") : Decode(header, data), CancellationToken.None))
                read.AddRange(batch.Select(e => e.Recorded.Position));
        });

        Assert.Equal("cannot decode", failed.Message);
        Assert.Equal(Enumerable.Range(1, CatchUp.BatchSize).Select(i => start + i), read);
    }

    private static DecodedEvent Decode(EventHeader header, ReadOnlySpan<byte> data) => new(header, Encoding.UTF8.GetString(data), null);

    [Fact]
    public async Task Records_when_each_event_was_committed_in_non_decreasing_order()
    {
        var start = await Store.HeadPositionAsync();
        for (var i = 0; i < 5; i++) await Store.AppendAsync(Stream(), ExpectedRevision.Any, [Event("x")]);
        var created = (await Store.ReadAllAsync(start, 10)).Select(e => e.Created).ToList();
        Assert.Equal(created.Order(), created);
        Assert.All(created, c => Assert.True(Math.Abs((DateTimeOffset.UtcNow - c).TotalMinutes) < 5));
    }

    [Fact]
    public async Task A_subscription_checkpoint_is_kept_beside_the_log_never_moves_back_and_is_seen_by_another_process()
    {
        var (ours, other) = (Stream(), Stream());
        var checkpoints = (ISubscriptionCheckpoints)Store;
        Assert.Equal(0, await checkpoints.CheckpointOfAsync(ours));
        await checkpoints.SaveCheckpointAsync(ours, 7);
        await checkpoints.SaveCheckpointAsync(ours, 5); // a slower run's save, landing late
        await checkpoints.SaveCheckpointAsync(other, 2);

        var theirs = (ISubscriptionCheckpoints)OpenAnother();
        await using var _ = theirs as IAsyncDisposable;
        Assert.Equal((7L, 2L), (await theirs.CheckpointOfAsync(ours), await theirs.CheckpointOfAsync(other)));
        await theirs.SaveCheckpointAsync(ours, 9);
        Assert.Equal(9, await checkpoints.CheckpointOfAsync(ours));
    }

    [Fact]
    public async Task A_checkpoint_is_forgotten_only_when_past_the_head_it_is_given()
    {
        var (ahead, behind) = (Stream(), Stream());
        var checkpoints = (ISubscriptionCheckpoints)Store;
        await checkpoints.SaveCheckpointAsync(ahead, 12);
        await checkpoints.SaveCheckpointAsync(behind, 10);

        Assert.True(await checkpoints.ForgetCheckpointPastAsync(ahead, 10));
        Assert.False(await checkpoints.ForgetCheckpointPastAsync(behind, 10));

        Assert.Equal((0L, 10L), (await checkpoints.CheckpointOfAsync(ahead), await checkpoints.CheckpointOfAsync(behind)));
        await checkpoints.SaveCheckpointAsync(ahead, 3); // saved afresh from the start, it moves on from there
        Assert.Equal(3, await checkpoints.CheckpointOfAsync(ahead));
    }

    [Fact]
    public async Task Checkpoints_saved_while_appends_commit_neither_fail_nor_make_them_fail()
    {
        var subscription = Stream();
        var appends = Enumerable.Range(0, 200).Select(i => Store.AppendAsync(Stream(), ExpectedRevision.NoStream, [Event($"e{i}")]));
        var saves = Enumerable.Range(1, 50).Select(i => ((ISubscriptionCheckpoints)Store).SaveCheckpointAsync(subscription, i));
        await Task.WhenAll(appends.Cast<Task>().Concat(saves));
        Assert.Equal(50, await ((ISubscriptionCheckpoints)Store).CheckpointOfAsync(subscription));
    }
}
