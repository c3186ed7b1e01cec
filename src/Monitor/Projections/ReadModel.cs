using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Projections;

/// <summary>
/// The in-memory read models (development list, status timelines) and the log position they reflect.
/// Rebuilt from the log on every start; writers hold the write lock only while applying a batch.
/// </summary>
public sealed class ReadModel(ChannelCatalog catalog)
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly CheckpointWaiters _waiters = new();

    public DevelopmentRegistry Developments { get; } = new();
    public StatusBoard Board { get; } = new(catalog);

    /// <summary>The last log position applied.</summary>
    public long Checkpoint { get; private set; }

    /// <summary>The ledger stream's revision as of the checkpoint (-1: no development yet).</summary>
    public long LedgerRevision { get; private set; } = -1;

    public void Apply(IReadOnlyList<RecordedEvent> batch)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var recorded in batch)
            {
                if (recorded.Stream == Ledger.StreamName && LedgerCodec.Decode(recorded) is { } e)
                {
                    var before = Developments.Find(e.DevelopmentId)?.Current;
                    Developments.Apply(e, recorded.Position, recorded.Created);
                    Board.Apply(e, before, recorded.Position, recorded.Created);
                    LedgerRevision = recorded.Revision;
                }
                Checkpoint = recorded.Position;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
        _waiters.Reached(Checkpoint);
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
}
