using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Alerts;
using Monitor.Channels;
using Monitor.EventStore;
using Monitor.EventStore.Sqlite;
using Monitor.Json;
using Monitor.Projections;
using Monitor.Projections.Snapshots;
using Monitor.Recording;
using Monitor.Status;
using Monitor.Subscriptions;
using Monitor.Tests.Alerts;
using Monitor.Tests.Api;
using Monitor.Tests.Status;

namespace Monitor.Tests.Projections;

/// <summary>
/// Read models loaded from a snapshot, then brought up to the log's head, answer every question as read models rebuilt
/// from the whole log do; and a snapshot that cannot be trusted whole is not used at all.
/// </summary>
public sealed class ReadModelSnapshotTests
{
    private static readonly ChannelCatalog Catalog = new(ChannelCatalog.Defaults);
    private static readonly DateTimeOffset FirstRecorded = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = MonitorJson.Configure(new JsonSerializerOptions());

    [Theory]
    [InlineData(21, 90)]
    [InlineData(22, 160)]
    [InlineData(23, 239)]
    public void Loaded_from_a_snapshot_and_brought_up_to_date_it_answers_as_a_rebuild_does(int seed, int snapshotAt)
    {
        var log = RandomLog(seed, 240);
        var rebuilt = Model(log);
        var before = Model(log.Take(snapshotAt));

        var loaded = new ReadModel(Catalog);
        loaded.Adopt(RoundTrip(before));
        Assert.Equal(snapshotAt, loaded.Checkpoint);
        foreach (var e in log.Skip(snapshotAt)) loaded.Apply([e]);
        Assert.Equal(Answers(rebuilt, seed), Answers(loaded, seed));

        // Snapshotted again: texts in the mapped file and texts recorded since, written out together.
        var again = new ReadModel(Catalog);
        again.Adopt(RoundTrip(loaded));
        Assert.Equal(Answers(rebuilt, seed), Answers(again, seed));
    }

    [Fact]
    public void A_snapshot_keeps_the_changes_detection_has_still_to_handle_and_no_others()
    {
        var log = RandomLog(24, 120);
        var model = Model(log);
        model.Changes.Handled(60);
        var loaded = new ReadModel(Catalog);
        loaded.Adopt(RoundTrip(model));
        Assert.NotEmpty(loaded.Changes.After(0));
        Assert.Equal(Changes(model), Changes(loaded));
        // A change reported again at a handled position (a rebuild would) is not kept again.
        loaded.Changes.Add(model.Changes.After(0)[0] with { Position = 60 });
        Assert.Equal(Changes(model), Changes(loaded));

        static string Changes(ReadModel m) => JsonSerializer.Serialize(m.Changes.After(0).Select(c => new
        {
            c.Position, c.EventId, c.Channel, c.From, c.To, c.PastRewritten, c.Retroactive, c.DevelopmentId, c.Change, Facts = c.Facts.Unpack(),
        }), Json);
    }

    [Fact]
    public void Texts_taken_while_the_first_part_was_written_are_in_the_second()
    {
        var log = RandomLog(28, 1_000, summariesLongBy: 4_000); // over a chunk of texts in each half
        var model = Model(log.Take(500));
        var loaded = ListRoundTrip(to =>
        {
            var texts = model.Developments.SaveTexts(to);
            foreach (var e in log.Skip(500)) model.Apply([e]); // writes went on meanwhile
            model.Developments.SaveTextsSince(to, texts);
            var (list, index) = model.Developments.Capture();
            list(to);
            Assert.True(to.Chunks.Count > texts.Chunks + 1, "the chunk being filled went on, and new ones were begun");
            return (index, model.Developments.CaptureOverlaps());
        });
        Assert.Equal(Texts(model.Developments), Texts(loaded));

        static string Texts(DevelopmentRegistry developments) => JsonSerializer.Serialize(developments.InLogOrder.Select(r => new
        {
            Original = r.Original.Unpack(), Current = r.Current.Unpack(), Corrections = r.Corrections.Select(c => c.Facts!.Unpack()),
        }), Json);
    }

    [Fact]
    public async Task A_saved_snapshot_is_loaded_for_its_own_log_only()
    {
        using var folder = new TempFolder();
        await using var store = new SqliteEventStore(Path.Combine(folder.Path, SqliteEventStore.FileName), TimeProvider.System);
        var log = RandomLog(25, 60);
        foreach (var e in log) await store.AppendAsync(e.Stream, ExpectedRevision.Any, [new EventData(e.EventId, e.Type, e.Data)]);
        var model = Model(await store.ReadAllAsync(0, 1000));
        var snapshot = Snapshot(folder, store);
        Assert.Equal(60, await snapshot.SaveAsync(model, default));

        var loaded = await snapshot.LoadAsync(default);
        Assert.NotNull(loaded);
        var adopted = new ReadModel(Catalog);
        adopted.Adopt(loaded);
        Assert.Equal(Answers(model, 25), Answers(adopted, 25));

        // Another log, whose event at the snapshot's position is another one.
        using var otherFolder = new TempFolder();
        await using var other = new SqliteEventStore(Path.Combine(otherFolder.Path, SqliteEventStore.FileName), TimeProvider.System);
        foreach (var e in RandomLog(26, 60)) await other.AppendAsync(e.Stream, ExpectedRevision.Any, [new EventData(e.EventId, e.Type, e.Data)]);
        File.Copy(snapshot.Path, Path.Combine(otherFolder.Path, ReadModelSnapshot.FileName));
        Assert.Null(await Snapshot(otherFolder, other).LoadAsync(default));

        // A log restored to before the snapshot's position.
        using var shortFolder = new TempFolder();
        await using var shorter = new SqliteEventStore(Path.Combine(shortFolder.Path, SqliteEventStore.FileName), TimeProvider.System);
        foreach (var e in log.Take(59)) await shorter.AppendAsync(e.Stream, ExpectedRevision.Any, [new EventData(e.EventId, e.Type, e.Data)]);
        File.Copy(snapshot.Path, Path.Combine(shortFolder.Path, ReadModelSnapshot.FileName));
        Assert.Null(await Snapshot(shortFolder, shorter).LoadAsync(default));

        // Other channels configured.
        Assert.Null(await new ReadModelSnapshot(snapshot.Path, new ChannelCatalog(Catalog.All.Take(2)), store,
            NullLogger<ReadModelSnapshot>.Instance).LoadAsync(default));
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.5)]
    [InlineData(0.98)]
    public async Task A_damaged_or_cut_short_snapshot_is_not_used(double where)
    {
        using var folder = new TempFolder();
        await using var store = new SqliteEventStore(Path.Combine(folder.Path, SqliteEventStore.FileName), TimeProvider.System);
        foreach (var e in RandomLog(27, 80)) await store.AppendAsync(e.Stream, ExpectedRevision.Any, [new EventData(e.EventId, e.Type, e.Data)]);
        var snapshot = Snapshot(folder, store);
        await snapshot.SaveAsync(Model(await store.ReadAllAsync(0, 1000)), default);
        var whole = await File.ReadAllBytesAsync(snapshot.Path);
        var at = (int)(whole.Length * where);

        var damaged = (byte[])whole.Clone();
        damaged[at] ^= 0x10;
        await File.WriteAllBytesAsync(snapshot.Path, damaged);
        Assert.Null(await snapshot.LoadAsync(default));

        await File.WriteAllBytesAsync(snapshot.Path, whole[..at]);
        Assert.Null(await snapshot.LoadAsync(default));

        await File.WriteAllBytesAsync(snapshot.Path, whole);
        Assert.NotNull(await snapshot.LoadAsync(default));
    }

    [Theory]
    [InlineData(400, false)] // applied after it is taken, before it is written
    [InlineData(6_000, true)] // applied on another thread while it is written, as the server's writes go on
    public void The_development_list_is_written_as_it_stood_when_taken_whatever_is_applied_meanwhile(int events, bool whileWritten)
    {
        var log = RandomLog(30, events);
        var (taken, later) = (log.Take(events / 2), log.Skip(events / 2)); // corrections, added sources and retractions of those taken among them
        var model = Model(taken);
        var loaded = ListRoundTrip(to =>
        {
            model.Developments.SaveTextsSince(to, model.Developments.SaveTexts(to));
            var (developments, overlaps) = model.Read(m => (m.Developments.Capture(), m.Developments.CaptureOverlaps())); // as a snapshot takes them
            using var start = new Barrier(whileWritten ? 2 : 1);
            var writes = Task.Run(() =>
            {
                start.SignalAndWait();
                foreach (var e in later) model.Apply([e]);
            });
            if (whileWritten) start.SignalAndWait();
            else writes.GetAwaiter().GetResult();
            developments.List(to);
            writes.GetAwaiter().GetResult();
            return (developments.Index, overlaps);
        });

        var asTaken = JsonSerializer.Serialize(ListAnswers(Model(taken).Developments), Json);
        Assert.Equal(asTaken, JsonSerializer.Serialize(ListAnswers(loaded), Json));
        Assert.NotEqual(asTaken, JsonSerializer.Serialize(ListAnswers(model.Developments), Json));
    }

    [Fact]
    public void The_timelines_are_written_as_they_stood_when_taken_whatever_is_applied_meanwhile()
    {
        var log = RandomLog(29, 240);
        var model = Model(log.Take(120));
        var write = model.Read(m => m.Board.Capture()); // as a snapshot takes them, under the read lock
        foreach (var e in log.Skip(120)) model.Apply([e]); // backdated, corrected and retracted developments among them
        using var folder = new TempFolder();
        using var file = SnapshotFile.Write(folder, write);
        var from = new SnapshotReader(file, file.Length);
        var loaded = StatusBoard.Load(Catalog, from);
        from.ExpectEnd();

        var taken = Model(log.Take(120)).Board;
        Assert.Equal(BoardAnswers(taken), BoardAnswers(loaded));
        Assert.NotEqual(BoardAnswers(model.Board), BoardAnswers(loaded));

        // And they go on from there: a development added after the last to each, as the next write would.
        var next = FirstRecorded.AddYears(5);
        foreach (var board in new[] { taken, loaded })
        {
            foreach (var channel in Catalog.All)
            {
                var added = new DatedDevelopment(Guid.Empty, DevelopmentKind.ContactHeld, new DateOnly(2030, 1, 1), new DateOnly(2030, 1, 1), 1_000);
                board.Timeline(channel.Id)!.Change(next, new TimelineChange(null, new TimelineEntry(added, next)));
            }
        }
        Assert.Equal(BoardAnswers(taken), BoardAnswers(loaded));

        static string BoardAnswers(StatusBoard board)
        {
            var random = new Random(29);
            var answers = new List<object>();
            foreach (var channel in Catalog.All)
            {
                var timeline = board.Timeline(channel.Id)!;
                answers.Add(new { timeline.Now.Latest, timeline.Now.Intervals });
                for (var probe = 0; probe < 60; probe++)
                {
                    DateTimeOffset? knownAt = probe == 0 ? null : FirstRecorded.AddHours(random.Next(0, 250 * 5));
                    var entries = timeline.Snapshot(knownAt);
                    answers.Add(Enumerable.Range(0, entries.Count).Select(i => entries[i]));
                    answers.Add(entries.At(new DateOnly(2022, 1, 1).AddDays(random.Next(0, 1200))));
                }
            }
            return JsonSerializer.Serialize(answers, Json);
        }
    }

    [Fact]
    public async Task A_load_begun_early_is_taken_by_the_next_load_only()
    {
        using var folder = new TempFolder();
        await using var store = new SqliteEventStore(Path.Combine(folder.Path, SqliteEventStore.FileName), TimeProvider.System);
        foreach (var e in RandomLog(28, 40)) await store.AppendAsync(e.Stream, ExpectedRevision.Any, [new EventData(e.EventId, e.Type, e.Data)]);
        var model = Model(await store.ReadAllAsync(0, 1000));
        var path = Path.Combine(folder.Path, ReadModelSnapshot.FileName);
        Assert.Null(ReadModelSnapshot.BeginReading(path, Catalog)); // no file yet: nothing begins
        using (var saving = Snapshot(folder, store)) await saving.SaveAsync(model, default);

        using var snapshot = new ReadModelSnapshot(path, Catalog, store, NullLogger<ReadModelSnapshot>.Instance, ReadModelSnapshot.BeginReading(path, Catalog));
        var early = await snapshot.LoadAsync(default);
        Assert.NotNull(early);
        var adopted = new ReadModel(Catalog);
        adopted.Adopt(early);
        Assert.Equal(Answers(model, 28), Answers(adopted, 28));

        // Damaged since: the next load reads the file again rather than keep what the early one found.
        var bytes = await File.ReadAllBytesAsync(snapshot.Path);
        bytes[bytes.Length / 2] ^= 0x10;
        await File.WriteAllBytesAsync(snapshot.Path, bytes);
        Assert.Null(await snapshot.LoadAsync(default));
    }

    private static ReadModelSnapshot Snapshot(TempFolder folder, IEventStore store) =>
        new(Path.Combine(folder.Path, ReadModelSnapshot.FileName), Catalog, store, NullLogger<ReadModelSnapshot>.Instance);

    /// <summary>
    /// The development list as <paramref name="write"/> writes it (its texts, then the list), with its index and the
    /// overlap shelves written by what it returns in sections of their own, loaded back as a snapshot's are.
    /// </summary>
    private static DevelopmentRegistry ListRoundTrip(Func<SnapshotWriter, (Action<SnapshotWriter> Index, Action<SnapshotWriter> Overlaps)> write)
    {
        using var folder = new TempFolder();
        long indexAt = 0, overlapsAt = 0;
        var file = SnapshotFile.Write(folder, to => // held by the loaded list, as a server holds it
        {
            var (index, overlaps) = write(to);
            indexAt = to.BeginSection();
            to.WriteLists();
            index(to);
            overlapsAt = to.BeginSection();
            overlaps(to);
        });
        var (from, indexFrom) = (new SnapshotReader(file, indexAt), new SnapshotReader(file, overlapsAt, indexAt));
        indexFrom.LoadLists(from);
        var texts = DevelopmentRegistry.LoadTexts(from);
        DevelopmentRegistry.LoadTextsSince(from, texts);
        var loaded = DevelopmentRegistry.Load(from, indexFrom, texts, new SnapshotReader(file, file.Length, overlapsAt));
        from.ExpectEnd();
        indexFrom.ExpectEnd();
        return loaded;
    }

    private static ReadModel.Saved RoundTrip(ReadModel model)
    {
        using var folder = new TempFolder();
        var sections = default(ReadModel.Sections);
        var file = SnapshotFile.Write(folder, to => sections = model.Save(to).Sections); // held by the loaded texts, as a server holds it
        return ReadModel.Load(Catalog, file, 0, sections, file.Length);
    }

    private static ReadModel Model(IEnumerable<RecordedEvent> log)
    {
        var model = new ReadModel(Catalog);
        foreach (var e in log) model.Apply([e]);
        return model;
    }

    /// <summary>A random ledger (as <see cref="ReplayTests"/> makes), with a subscription and alerts delivered, retried and pending among it.</summary>
    private static List<object?> ListAnswers(DevelopmentRegistry developments)
    {
        var answers = new List<object?>();
        foreach (var record in developments.InLogOrder)
        {
            var facts = record.Current.Unpack();
            answers.Add(new
            {
                record.Id, record.Position, record.RecordedAt, facts, Live = record.Live is not null, record.Retraction,
                Corrections = record.Corrections.Select(c => new { c.Reason, c.Position, c.RecordedAt, Facts = c.Facts?.Unpack() }),
                record.AddedSources,
            });
            answers.Add(developments.MayBeSameEventAs(facts));
            DuplicateRule.ForEachKey(facts, key => answers.Add(developments.HolderOf(key)));
        }
        answers.Add(developments.ByDateDescending().Select(r => r.Id));
        return answers;
    }

    private static List<RecordedEvent> RandomLog(int seed, int count, int summariesLongBy = 0)
    {
        var random = new Random(seed);
        var ledger = new List<(RecordedEvent Recorded, LedgerEvent Event)>();
        var log = new List<RecordedEvent>();
        var revisions = new Dictionary<string, long>();
        for (var position = 1; position <= count; position++)
        {
            var at = FirstRecorded.AddHours(position * 5);
            var (stream, data) = (position % 40) switch
            {
                7 => (AlertStreams.Subscriptions, SubscriptionCodec.Encode(new SubscriptionEvent.SubscriptionStarted(
                    new Subscription(Guid.NewGuid(), ["military"], [AlertKind.StatusChanged], null, $"watch{position}@example.org")))),
                13 => Alert(new AlertEvent.AlertRaised(Sample(position), [AlertSamples.Subscriber, AlertSamples.OtherSubscriber], at)),
                17 => Alert(new AlertEvent.AlertDeliveryClaimed(Sample(position - 4).Id, AlertSamples.Subscriber, 1, at.AddMinutes(5))),
                19 => Alert(new AlertEvent.AlertDeliveryAttemptFailed(Sample(position - 6).Id, AlertSamples.Subscriber, 1, "refused", at.AddMinutes(1))),
                23 => Alert(new AlertEvent.AlertDelivered(Sample(position - 10).Id, AlertSamples.OtherSubscriber, 1)),
                _ => (Ledger.StreamName, LedgerCodec.Encode(ReplayTests.RandomEvent(random, ledger, DateOnly.FromDateTime(at.UtcDateTime)) switch
                {
                    LedgerEvent.DevelopmentRecorded r => r with { Facts = r.Facts with { Summary = r.Facts.Summary + new string('.', summariesLongBy) } },
                    var other => other,
                })),
            };
            var revision = revisions[stream] = revisions.GetValueOrDefault(stream, -1) + 1;
            var recorded = new RecordedEvent(stream, revision, position, data.EventId, data.Type, data.Data, at);
            log.Add(recorded);
            if (stream == Ledger.StreamName) ledger.Add((recorded, LedgerCodec.Decode(recorded)!));
        }
        return log;

        static (string, EventData) Alert(AlertEvent e) => (AlertStreams.Of(e.AlertId), AlertCodec.Encode(e));
        static Alert Sample(int position) => (Alert.StatusChanged)AlertSamples.StatusChanged with { Id = new Guid(position, 0, 0, new byte[8]) };
    }

    /// <summary>What the read models answer, as JSON: statuses and timelines at many moments, the list, duplicates, subscriptions, alerts.</summary>
    private static string Answers(ReadModel model, int seed)
    {
        // Timelines take the lock as they need it; nothing writes here, so the rest is read without it too.
        var m = model;
        var random = new Random(seed);
        var answers = new List<object?> { m.Checkpoint, m.LedgerRevision, m.Subscriptions.Revision };
        for (var probe = 0; probe < 200; probe++)
        {
            var asOf = new DateOnly(2022, 1, 1).AddDays(random.Next(0, 1200));
            DateTimeOffset? knownAt = random.Next(3) == 0 ? null : FirstRecorded.AddHours(random.Next(0, 250 * 5));
            DateOnly? reportedBy = random.Next(2) == 0 ? null : new DateOnly(2022, 1, 1).AddDays(random.Next(0, 1200));
            var channel = Catalog.All[random.Next(Catalog.All.Count)];
            var moment = new Moment(asOf, knownAt, reportedBy);
            answers.Add(m.Status(channel, moment));
            answers.Add(m.Timeline(channel, moment));
        }
        answers.AddRange(ListAnswers(m.Developments));
        answers.Add(m.Subscriptions.Active.OrderBy(s => s.Id));
        answers.Add(m.Alerts.Latest.Select(a => new { a.Alert.Id, a.RaisedAt, a.Position, a.Deliveries }));
        answers.Add(m.Alerts.Pending.Order());
        answers.Add(m.Alerts.Latest.SelectMany(a => a.Deliveries.Keys.Select(s => m.Alerts.ClaimOf(a.Alert.Id, s))));
        return JsonSerializer.Serialize(answers, Json);
    }
}

public sealed class SnapshotRestartTests
{
    [Fact]
    public async Task A_restarted_server_loads_its_snapshot_and_applies_only_what_was_logged_since()
    {
        using var data = new TempFolder();
        var first = new MonitorHost(data.Path, ["Monitor:Snapshots:EveryEvents=1", "Monitor:Snapshots:CheckInterval=00:00:00.050"]);
        await first.InitializeAsync();
        await first.Analyst.RecordAsync("suspended", "2025-01-10");
        var recorded = first.Services.GetRequiredService<ReadModel>().Checkpoint;
        var snapshot = first.Services.GetRequiredService<ReadModelSnapshot>();
        await Eventually.TrueAsync(async () => await snapshot.LoadAsync(default) is { } saved && saved.Checkpoint >= recorded, "the snapshot");
        await first.DisposeAsync();

        // Snapshots off from here: the one above is what the next starts load.
        string[] never = ["Monitor:Snapshots:EveryEvents=0"];
        var second = new MonitorHost(data.Path, never);
        await second.InitializeAsync();
        var loadedFrom = second.Services.GetRequiredService<Projector>().LoadedFrom;
        Assert.True(loadedFrom >= recorded, $"loaded from {loadedFrom}, recorded at {recorded}");
        await second.Analyst.RecordAsync("restoration-agreed", "2025-02-10");
        var before = (await second.Reader.GetJson("/api/channels/military/timeline")).GetRawText();
        var head = second.Services.GetRequiredService<ReadModel>().Checkpoint;
        await second.DisposeAsync();

        var third = new MonitorHost(data.Path, never);
        await third.InitializeAsync();
        Assert.Equal(loadedFrom, third.Services.GetRequiredService<Projector>().LoadedFrom);
        // Alert detection may still have appended after `head` was read: at least everything up to it is applied.
        var applied = third.Services.GetRequiredService<ReadModel>().Checkpoint;
        Assert.True(applied >= head, $"applied through {applied}, head was {head}");
        Assert.Contains("restoration-agreed", before);
        Assert.Equal(before, (await third.Reader.GetJson("/api/channels/military/timeline")).GetRawText());
        await third.DisposeAsync();
    }
}
