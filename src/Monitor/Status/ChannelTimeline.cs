using Monitor.Collections;
using Monitor.Projections.Snapshots;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// A channel's developments in fold order (certain-by date first), each with the status it leaves,
/// answerable for any (asOf, knownAt) pair in O(log n) without replaying anything.
///
/// The history is kept as epochs. An epoch starts whenever a write lands anywhere but at the end
/// (a backdated development, a correction, a retraction): it is a frozen version of the whole timeline in a
/// <see cref="VersionedList{T}"/>, which shares all but the nodes the write changed with the versions before, so older
/// epochs stay readable at little cost. Developments that arrive in fold order are added at the end of the current
/// epoch, each with the instant it became known; the entries added since the epoch began are therefore sorted both by
/// fold order and by knownAt. A query binary-searches the epochs for knownAt, then the entries added since the epoch
/// began for those known by then, then the date (see <see cref="TimelineSnapshot"/>).
/// </summary>
public sealed class ChannelTimeline
{
    private VersionedList<TimelineEntry> _entries = new();
    private readonly List<Epoch> _epochs = [];

    private readonly UncertainIndex _uncertain = new();

    /// <summary>The timeline as it stands now; it stays as it was whatever is written later.</summary>
    public TimelineVersion Now => _epochs.Count == 0 ? default : new(_epochs[^1], _epochs[^1].Entries.Count);

    /// <summary>The timeline as known at <paramref name="knownAt"/> (null: now).</summary>
    public TimelineSnapshot Snapshot(DateTimeOffset? knownAt) =>
        Find(knownAt) is var (epoch, known) ? new TimelineSnapshot(epoch.Entries.Prefix(known), _uncertain, knownAt) : default;

    private (Epoch Epoch, int Known)? Find(DateTimeOffset? knownAt)
    {
        if (_epochs.Count == 0) return null;
        if (knownAt is not { } at) return (_epochs[^1], _epochs[^1].Entries.Count);
        var index = TimelineSnapshot.UpperBound(_epochs.Count, i => _epochs[i].From <= at) - 1;
        if (index < 0) return null;
        var epoch = _epochs[index];
        var entries = epoch.Entries;
        var added = entries.Count - epoch.BaseCount;
        return (epoch, epoch.BaseCount + TimelineSnapshot.UpperBound(added, i => entries[epoch.BaseCount + i].KnownAt(at)));
    }

    /// <summary>
    /// Changes known from the same instant, in order, as one step in history: one new epoch however many there are,
    /// which is how the reported timelines are built, a day at a time. A lone development added after the last one
    /// is added to the current epoch instead.
    /// </summary>
    public void Change(DateTimeOffset at, ReadOnlySpan<TimelineChange> changes)
    {
        foreach (var (removing, adding) in changes)
        {
            if (removing is { } removed) _uncertain.Remove(removed.Id, at);
            if (adding is { } added) _uncertain.Add(added);
        }
        var current = _epochs.Count > 0 ? _epochs[^1] : null;
        var last = _entries.Count > 0 ? _entries[_entries.Count - 1] : (TimelineEntry?)null;
        if (changes is [{ Removing: null, Adding: { } appended }] && (last is null || TimelineEntry.ByFoldOrder.Compare(last.Value, appended) < 0))
        {
            if (current is null) _epochs.Add(current = new Epoch(at, 0));
            var entry = appended.After(last);
            _entries.Add(entry);
            current.Entries = _entries.Current;
            current.Intervals += entry.IntervalHash;
            return;
        }
        _entries.Freeze();
        var intervals = Rewrite(current?.Intervals ?? 0, changes);
        _epochs.Add(new Epoch(at, _entries.Count) { Entries = _entries.Current, Intervals = intervals });
    }

    /// <summary>One change on its own: <see cref="Change(DateTimeOffset, ReadOnlySpan{TimelineChange})"/>.</summary>
    public void Change(DateTimeOffset at, TimelineChange change) => Change(at, new ReadOnlySpan<TimelineChange>(in change));

    /// <summary>
    /// Makes the changes in the entries, refolded where they landed until they agree with before; returns the new
    /// interval signature, adjusted entry by entry as they change.
    /// </summary>
    private long Rewrite(long intervals, ReadOnlySpan<TimelineChange> changes)
    {
        var entries = _entries;
        // Where each change landed: an added entry, or the place a removed one left (its successor's).
        var landed = new List<TimelineEntry>(changes.Length);
        foreach (var (removing, adding) in changes)
        {
            if (removing is { } old && entries.BinarySearch(new TimelineEntry(old, default), TimelineEntry.ByFoldOrder) is var found and >= 0)
            {
                intervals -= entries[found].IntervalHash;
                entries.RemoveAt(found);
                landed.Add(new TimelineEntry(old, default));
            }
            if (adding is { } added)
            {
                entries.Insert(~entries.BinarySearch(added, TimelineEntry.ByFoldOrder), added);
                landed.Add(added);
            }
        }
        var dirty = landed.Select(e => Place(entries.BinarySearch(e, TimelineEntry.ByFoldOrder)))
            .Where(i => i < entries.Count).Distinct().Order().ToList();
        // Refold from each place a change landed, on until an entry's outcome is as before; then on from the next place.
        var next = 0;
        for (var i = dirty.Count > 0 ? dirty[0] : entries.Count; i < entries.Count; i++)
        {
            while (next < dirty.Count && dirty[next] < i) next++;
            var refolded = entries[i].After(i > 0 ? entries[i - 1] : null);
            if ((next == dirty.Count || dirty[next] != i) && refolded.SameOutcome(entries[i]))
            {
                if (next == dirty.Count) break;
                i = dirty[next] - 1;
                continue;
            }
            intervals += refolded.IntervalHash - entries[i].IntervalHash;
            entries[i] = refolded;
        }
        return intervals;

        static int Place(int found) => found >= 0 ? found : ~found;
    }

    /// <summary>
    /// Takes the timeline as it stands, and returns what writes it so (every epoch, the versions of the entries they share
    /// written once, and the uncertain developments) once the read models' lock is let go. Its entries are frozen, so
    /// writes from then on copy the nodes they change rather than change those being written. Taken under the read lock:
    /// no write runs meanwhile, and no reader looks at what freezing changes (which list owns a node).
    /// </summary>
    public Action<SnapshotWriter> Capture()
    {
        _entries.Freeze();
        var (epochs, current, uncertain) = (_epochs.Select(e => (e.From, e.BaseCount, e.Intervals, e.Entries)).ToArray(), _entries.Current, _uncertain.Capture());
        return to =>
        {
            VersionedListSnapshot.SaveLeaves([.. epochs.Select(e => e.Entries), current], to);
            to.Write(epochs.Length);
            foreach (var (from, baseCount, intervals, entries) in epochs)
            {
                to.Write(from);
                to.Write(baseCount);
                to.Write(intervals);
                VersionedListSnapshot.Save(entries, to);
            }
            VersionedListSnapshot.Save(current, to);
            uncertain(to);
        };
    }

    public static ChannelTimeline Load(SnapshotReader from)
    {
        var timeline = new ChannelTimeline();
        VersionedListSnapshot.LoadLeaves<TimelineEntry>(from);
        var epochs = from.Count();
        for (var i = 0; i < epochs; i++)
        {
            var epoch = new Epoch(from.Instant(), from.Int()) { Intervals = from.Long() };
            epoch.Entries = VersionedListSnapshot.Load<TimelineEntry>(from);
            if (epoch.BaseCount < 0 || epoch.BaseCount > epoch.Entries.Count) throw new InvalidDataException("An epoch began with more entries than it has.");
            timeline._epochs.Add(epoch);
        }
        timeline._entries = VersionedList<TimelineEntry>.Restore(VersionedListSnapshot.Load<TimelineEntry>(from));
        timeline._uncertain.Load(from);
        return timeline;
    }

    /// <summary>One state of a timeline, to compare before and after a write.</summary>
    public readonly struct TimelineVersion
    {
        private readonly Epoch? _epoch;
        private readonly int _known;

        internal TimelineVersion(Epoch epoch, int known) => (_epoch, _known) = (epoch, known);

        public TimelineEntry? Latest => _epoch is null || _known == 0 ? null : _epoch.Entries[_known - 1];

        /// <summary>Whether <paramref name="later"/> only added entries at the end of this version.</summary>
        public bool IsExtendedBy(TimelineVersion later) => _epoch is null ? later._epoch?.BaseCount is null or 0 : _epoch == later._epoch;

        /// <summary>
        /// A signature of the status intervals (when each began, in what status, because of which development):
        /// two versions with different signatures have different histories. Of the epoch as it stands, so
        /// compare a version only with the next one.
        /// </summary>
        public long Intervals => _epoch?.Intervals ?? 0;
    }

    /// <param name="baseCount">How many entries the epoch began with; those after were added at the end since, in knownAt order.</param>
    internal sealed class Epoch(DateTimeOffset from, int baseCount)
    {
        public DateTimeOffset From { get; } = from;
        public int BaseCount { get; } = baseCount;

        /// <summary>The timeline in this epoch, as it stands now (the current epoch) or as it was when the next began.</summary>
        public VersionedList<TimelineEntry>.View Entries { get; set; }

        /// <summary>The sum of every entry's <see cref="TimelineEntry.IntervalHash"/>.</summary>
        public long Intervals { get; set; }
    }
}

/// <summary>One change to a timeline: a development taken out (as it was added), one put in, or both (a correction).</summary>
public readonly record struct TimelineChange(DatedDevelopment? Removing, TimelineEntry? Adding);
