using Monitor.Alerts;
using Monitor.Projections.Snapshots;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// What ledger events did to the channels' timelines, in log order, for whoever acts on changes (alert detection):
/// the status read model says what changed, never what it calls for. Entries are kept until their reader has handled
/// them, so the feed holds a burst, not the whole history.
/// </summary>
public sealed class StatusChanges
{
    private readonly Lock _gate = new();
    private readonly List<StatusChange> _pending = [];
    private long _handledThrough;

    /// <summary>Adds a change, unless its reader has handled the log past it already (a rebuild reports it again).</summary>
    public void Add(StatusChange change)
    {
        lock (_gate)
        {
            if (change.Position > _handledThrough) _pending.Add(change);
        }
    }

    /// <summary>Every change after log position <paramref name="checkpoint"/>, oldest first.</summary>
    public IReadOnlyList<StatusChange> After(long checkpoint)
    {
        lock (_gate) return _pending.Where(c => c.Position > checkpoint).ToList();
    }

    /// <summary>The reader has handled every change up to log position <paramref name="checkpoint"/>: they are let go, and not kept again.</summary>
    public void Handled(long checkpoint)
    {
        lock (_gate)
        {
            if (checkpoint <= _handledThrough) return;
            _handledThrough = checkpoint;
            _pending.RemoveAll(c => c.Position <= checkpoint);
        }
    }

    /// <summary>Writes the changes still to be handled, with how far their reader had got.</summary>
    public void Save(SnapshotWriter to)
    {
        lock (_gate)
        {
            to.Write(_handledThrough);
            to.Write(_pending.Count);
            foreach (var change in _pending)
            {
                to.Write(change.Position);
                to.Write(change.EventId);
                to.WriteName(change.Channel);
                to.Write((byte)change.From);
                to.Write((byte)change.To);
                to.Write(change.PastRewritten);
                to.Write(change.Retroactive);
                to.Write(change.DevelopmentId);
                change.Facts.Save(to);
                to.Write((byte)change.Change);
            }
        }
    }

    /// <summary>Fills this empty feed with what <see cref="Save"/> wrote.</summary>
    public void Load(SnapshotReader from)
    {
        lock (_gate)
        {
            _handledThrough = from.Long();
            var count = from.Count();
            for (var i = 0; i < count; i++)
            {
                _pending.Add(new StatusChange(from.Long(), from.Guid(), from.Name(), (ChannelStatus)from.Byte(), (ChannelStatus)from.Byte(),
                    from.Bool(), from.Bool(), from.Guid(), PackedFacts.Load(from), (DevelopmentChange)from.Byte()));
            }
        }
    }

    /// <summary>How many wait to be handled.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _pending.Count;
        }
    }
}

/// <summary>
/// One ledger event's effect on one channel: the current status it left (<paramref name="To"/>) against the one
/// before, and whether it rewrote the past. Retroactive: it did not simply extend the timeline.
/// </summary>
/// <param name="Position">The ledger event's log position.</param>
/// <param name="Facts">The development's facts as the event left them (a retraction leaves them as they were).</param>
public sealed record StatusChange(
    long Position, Guid EventId, string Channel, ChannelStatus From, ChannelStatus To, bool PastRewritten, bool Retroactive,
    Guid DevelopmentId, PackedFacts Facts, DevelopmentChange Change)
{
    /// <summary>
    /// The development as an alert shows it. Its summary is unpacked here, when an alert is due, rather than for each of
    /// the hundreds of thousands of changes a rebuild reports before detection lets them go.
    /// </summary>
    public AlertDevelopment Development => new(DevelopmentId, Facts.Kind, Facts.OccurredOn, Facts.Summary, Change);
}
