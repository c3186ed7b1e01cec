using Monitor.Alerts;
using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Projections.Snapshots;
using Monitor.Recording;
using Monitor.Status;
using Monitor.Subscriptions;

namespace Monitor.Projections;

/// <summary>
/// The in-memory read models (development list, status timelines, the changes they went through,
/// subscriptions, alerts and their deliveries) and the log position they reflect.
/// Loaded from the latest snapshot on start, if there is a good one, then brought up to the log's head; writers hold the
/// write lock only while applying a batch.
/// </summary>
public sealed class ReadModel(ChannelCatalog catalog)
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly CheckpointWaiters _waiters = new();

    public DevelopmentRegistry Developments { get; private set; } = new();
    public StatusBoard Board { get; private set; } = new(catalog);
    public ReportedTimelines Reported { get; } = new(catalog);
    public SubscriptionBook Subscriptions { get; private set; } = new();
    public AlertBook Alerts { get; private set; } = new();

    /// <summary>What ledger events did to the channels' statuses, kept until alert detection has handled them.</summary>
    public StatusChanges Changes { get; private set; } = new();

    /// <summary>The last log position applied.</summary>
    public long Checkpoint { get; private set; }

    /// <summary>The ledger stream's revision as of the checkpoint (-1: no development yet).</summary>
    public long LedgerRevision { get; private set; } = -1;

    /// <summary>A stream's revision as of the checkpoint (-1: no such stream yet): where a decision on it appends.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No command decides on that stream.</exception>
    public long RevisionOf(string stream) => stream switch
    {
        Ledger.StreamName => LedgerRevision,
        AlertStreams.Subscriptions => Subscriptions.Revision,
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "No command decides on this stream."),
    };

    /// <summary>Notified after a batch that recorded, corrected or retracted a development, or added a source.</summary>
    public Signal LedgerChanged { get; } = new();

    /// <exception cref="StoreDamagedException">An event is missing, undecodable or cannot be applied: the checkpoint stays before it.</exception>
    public void Apply(IReadOnlyList<RecordedEvent> batch) => Apply(StoredEvents.Decode(batch, Developments.Texts));

    /// <summary>Makes room for about <paramref name="events"/> more events, most of them developments: before a long catch-up.</summary>
    public void Expect(long events)
    {
        _lock.EnterWriteLock();
        try
        {
            Developments.Reserve((int)Math.Min(events, Array.MaxLength / 2));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// An event decoded for <see cref="Apply(IReadOnlyList{DecodedEvent})"/>, on any thread: a recorded development's facts
    /// are packed straight into the development list's texts (<see cref="PackedRecording"/>).
    /// </summary>
    public DecodedEvent Decode(EventHeader header, ReadOnlySpan<byte> data) => StoredEvents.Decoded(header, data, Developments.Texts);

    /// <inheritdoc cref="Apply(IReadOnlyList{RecordedEvent})"/>
    public void Apply(IReadOnlyList<DecodedEvent> batch)
    {
        var ledgerBefore = LedgerRevision;
        _lock.EnterWriteLock();
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var (recorded, e, damage) = batch[i];
                if (i + 1 < batch.Count && batch[i + 1].Event is PackedRecording next) Developments.Prefetch(next);
                if (recorded.Position != Checkpoint + 1)
                    throw StoredEvents.Damaged(recorded, "does not follow the last one read",
                        $"position {Checkpoint + 1} is missing from the log.");
                if (damage is not null) throw damage;
                try
                {
                    Apply(e!, recorded);
                }
                catch (Exception error)
                {
                    throw StoredEvents.Damaged(recorded, "cannot be applied to the read models", error.Message, error);
                }
                Checkpoint = recorded.Position;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
            _waiters.Reached(Checkpoint);
            if (LedgerRevision != ledgerBefore) LedgerChanged.Notify();
        }
    }

    private void Apply(object e, EventHeader recorded)
    {
        switch (e)
        {
            case PackedRecording packed:
                ApplyLedger(packed, packed.DevelopmentId, packed.Seeded, DevelopmentChange.Recorded, recorded);
                LedgerRevision = recorded.Revision;
                break;
            case LedgerEvent ledger:
                ApplyLedger(ledger, ledger.DevelopmentId, ledger is LedgerEvent.DevelopmentRecorded { Seeded: true }, AlertDevelopment.ChangeOf(ledger),
                    recorded);
                LedgerRevision = recorded.Revision;
                break;
            case SubscriptionEvent subscription:
                Subscriptions.Apply(subscription, recorded.Revision, recorded.Position);
                break;
            case AlertEvent alert:
                Alerts.Apply(alert, recorded.Position, recorded.Created);
                break;
        }
    }

    /// <param name="e">A <see cref="LedgerEvent"/>, or a <see cref="PackedRecording"/>.</param>
    /// <param name="seeded">Whether it recorded a development of the seeded history.</param>
    private void ApplyLedger(object e, Guid developmentId, bool seeded, DevelopmentChange change, EventHeader recorded)
    {
        // Only once as-reported timelines are built: a rebuild applies a million events without.
        var published = !Reported.Following ? null
            : Developments.Find(developmentId) is { } existing ? ReportedTimelines.AsPublished(existing).ToList() : [];
        var (development, before) = e is PackedRecording packed
            ? Developments.Record(packed, recorded.Position, recorded.Created)
            : Developments.Apply((LedgerEvent)e, recorded.Position, recorded.Created);
        if (development is null) return;
        if (published is not null) Reported.Changed(published, development);
        var shifts = Board.Apply(development.Id, before, development.Live, development.Position, recorded.Created, seeded);
        if (shifts.Count == 0) return;
        for (var i = 0; i < shifts.Count; i++) // not foreach over the interface: a boxed enumerator per shift
        {
            var shift = shifts[i];
            Changes.Add(new StatusChange(recorded.Position, recorded.EventId, shift.Channel, shift.From, shift.To, shift.PastRewritten,
                shift.Retroactive, development.Id, development.Current, change));
        }
    }

    /// <summary>
    /// Writes every read model as of the checkpoint. The development list's texts taken so far (most of a snapshot) are
    /// written first, with writes going on. Under the read lock (reads go on, writes wait) the texts taken since are
    /// written, then the subscriptions, alerts and pending status changes (all small); the development list, its overlap
    /// shelves and the channels' timelines are only taken (see <see cref="DevelopmentRegistry.Capture"/>,
    /// <see cref="StatusBoard.Capture"/>), and written once writes go on again. The list's index (with the table of lists
    /// of names everything before it named), the overlap shelves and the timelines are sections of their own (see
    /// <see cref="SnapshotWriter.BeginSection"/>): the index is read first, the others alongside the development list.
    /// </summary>
    /// <returns>The checkpoint written, where the sections start, and how long writes waited for it.</returns>
    public (long Checkpoint, Sections Sections, TimeSpan WritesHeld) Save(SnapshotWriter to)
    {
        var texts = Read(m => m.Developments).SaveTexts(to);
        var (checkpoint, held, developments, overlaps, board) = Read(m =>
        {
            var held = System.Diagnostics.Stopwatch.GetTimestamp();
            to.Write(m.Checkpoint);
            to.Write(m.LedgerRevision);
            m.Developments.SaveTextsSince(to, texts);
            m.Subscriptions.Save(to);
            to.WritePart(m.Alerts.Save);
            m.Changes.Save(to);
            var (developments, overlaps, board) = (m.Developments.Capture(), m.Developments.CaptureOverlaps(), m.Board.Capture());
            return (m.Checkpoint, System.Diagnostics.Stopwatch.GetElapsedTime(held), developments, overlaps, board);
        });
        developments.List(to);
        var indexAt = to.BeginSection();
        to.WriteLists();
        developments.Index(to);
        var overlapsAt = to.BeginSection();
        overlaps(to);
        var statusesAt = to.BeginSection();
        board(to);
        return (checkpoint, new Sections(indexAt, overlapsAt, statusesAt), held);
    }

    /// <summary>Where the sections that <see cref="Save"/> writes after the development list begin in the file.</summary>
    public readonly record struct Sections(long IndexAt, long OverlapsAt, long StatusesAt);

    /// <summary>Read models as <see cref="Save"/> wrote them, to take in whole with <see cref="Adopt"/> once checked.</summary>
    public sealed record Saved(
        long Checkpoint, long LedgerRevision, DevelopmentRegistry Developments, StatusBoard Board, SubscriptionBook Subscriptions,
        AlertBook Alerts, StatusChanges Changes);

    /// <summary>
    /// Loads what <see cref="Save"/> wrote from <paramref name="start"/> to <paramref name="end"/> of <paramref name="file"/>:
    /// the development list, and on other threads meanwhile its overlap shelves, the channels' timelines and the alerts.
    /// </summary>
    /// <exception cref="InvalidDataException">A part is not as <see cref="Save"/> writes it, or holds more.</exception>
    public static Saved Load(ChannelCatalog catalog, MappedFile file, long start, Sections sections, long end)
    {
        if (sections.IndexAt < start || sections.OverlapsAt < sections.IndexAt || sections.StatusesAt < sections.OverlapsAt
            || end < sections.StatusesAt)
            throw new InvalidDataException($"Its sections cannot start at {sections.IndexAt}, {sections.OverlapsAt} and {sections.StatusesAt}.");
        var (from, index) = (new SnapshotReader(file, sections.IndexAt, start), new SnapshotReader(file, sections.OverlapsAt, sections.IndexAt));
        index.LoadLists(from);
        var statuses = new SnapshotReader(file, end, sections.StatusesAt);
        var loadingStatuses = Task.Run(() =>
        {
            var board = StatusBoard.Load(catalog, statuses);
            statuses.ExpectEnd();
            return board;
        });
        Task<AlertBook>? loadingAlerts = null;
        try
        {
            var texts = DevelopmentRegistry.LoadTexts(from);
            var (checkpoint, ledgerRevision) = (from.Long(), from.Long());
            DevelopmentRegistry.LoadTextsSince(from, texts);
            var subscriptions = SubscriptionBook.Load(from);
            // Decoding the first alerts in a process takes a while (0.13 s of a restart, for nine): not on this thread.
            var alertsFrom = from.Part();
            loadingAlerts = Task.Run(() =>
            {
                var alerts = AlertBook.Load(alertsFrom);
                alertsFrom.ExpectEnd();
                return alerts;
            });
            var changes = new StatusChanges();
            changes.Load(from); // the facts behind them are in the texts
            var developments = DevelopmentRegistry.Load(from, index, texts, new SnapshotReader(file, sections.StatusesAt, sections.OverlapsAt));
            from.ExpectEnd();
            index.ExpectEnd();
            return new Saved(checkpoint, ledgerRevision, developments, loadingStatuses.GetAwaiter().GetResult(), subscriptions,
                loadingAlerts.GetAwaiter().GetResult(), changes);
        }
        catch
        {
            // They read the mapped file, which is closed next. Their own failures are observed: the one thrown here is reported.
            Task.WhenAll(loadingStatuses, loadingAlerts ?? Task.CompletedTask).ContinueWith(t => t.Exception, TaskScheduler.Default).Wait();
            throw;
        }
    }

    /// <summary>Takes in read models loaded from a snapshot, in place of these, which must not have applied anything yet.</summary>
    public void Adopt(Saved saved)
    {
        _lock.EnterWriteLock();
        try
        {
            if (Checkpoint != 0) throw new InvalidOperationException("Read models that have applied events cannot take in a snapshot.");
            (Developments, Board, Subscriptions, Alerts, Changes) = (saved.Developments, saved.Board, saved.Subscriptions, saved.Alerts, saved.Changes);
            (Checkpoint, LedgerRevision) = (saved.Checkpoint, saved.LedgerRevision);
        }
        finally
        {
            _lock.ExitWriteLock();
            _waiters.Reached(Checkpoint);
        }
        LedgerChanged.Notify();
    }

    /// <summary>Runs a query against a consistent view of every read model.</summary>
    public T Read<T>(Func<ReadModel, T> query)
    {
        _lock.EnterReadLock();
        try
        {
            return query(this);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Completes once the read models reflect <paramref name="position"/>: read-your-writes for the API.</summary>
    public Task WaitForAsync(long position, CancellationToken ct) => _waiters.WaitAsync(position, () => Checkpoint, ct);

    /// <summary>
    /// The log cannot be applied past the checkpoint: whoever waits for a later position (a write's answer, detection,
    /// delivery) is told why rather than left waiting while the server stops.
    /// </summary>
    public void Stopped(StoreDamagedException damage) => _waiters.Stopped(damage);

    /// <summary>Waits for the read models to reach <paramref name="position"/>, at most <paramref name="patience"/>.</summary>
    /// <exception cref="StoreUnavailableException">Not reached in time; its message is <paramref name="otherwise"/>.</exception>
    public async Task ReachAsync(long position, TimeSpan patience, string otherwise, CancellationToken ct)
    {
        try
        {
            await WaitForAsync(position, ct).WaitAsync(patience, ct);
        }
        catch (TimeoutException error)
        {
            throw new StoreUnavailableException(otherwise, patience, error);
        }
    }
}
