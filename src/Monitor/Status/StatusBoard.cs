using Monitor.Channels;
using Monitor.Projections.Snapshots;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>Every channel's timeline, kept current from the ledger's events.</summary>
public sealed class StatusBoard(ChannelCatalog catalog)
{
    private readonly Dictionary<string, ChannelTimeline> _timelines =
        catalog.All.ToDictionary(c => c.Id, _ => new ChannelTimeline(), StringComparer.Ordinal);

    /// <summary>
    /// Every channel's timeline as it stands (<see cref="ChannelTimeline.Capture"/>), and what writes them in the catalog's
    /// order: most of a snapshot's statuses, written once writes go on again.
    /// </summary>
    public Action<SnapshotWriter> Capture()
    {
        var timelines = catalog.All.Select(c => _timelines[c.Id].Capture()).ToList();
        return to => timelines.ForEach(write => write(to));
    }

    /// <summary>The board <see cref="Capture"/> wrote with the same catalog (the snapshot's header vouches for that).</summary>
    public static StatusBoard Load(ChannelCatalog catalog, SnapshotReader from)
    {
        var board = new StatusBoard(catalog);
        foreach (var channel in catalog.All) board._timelines[channel.Id] = ChannelTimeline.Load(from);
        return board;
    }

    public ChannelCatalog Catalog => catalog;

    public ChannelTimeline? Timeline(string channel) => _timelines.GetValueOrDefault(channel);

    // What the event in hand changes, reused from one event to the next (a rebuild applies a million of them); safe
    // because events are applied one at a time, under the read models' write lock.
    private readonly List<(string Channel, TimelineChange Change)> _changes = [];

    /// <summary>Brings the timelines in line with what one ledger event did to a development.</summary>
    /// <param name="before">The development's live facts before the event (null: new, or retracted).</param>
    /// <param name="after">Its live facts after the event (null: retracted).</param>
    /// <param name="order">Where the development was first recorded in the log: the fold's last tie-break.</param>
    /// <returns>What the event did to each channel whose current status or past it changed (nothing for seeded history).</returns>
    public IReadOnlyList<StatusShift> Apply(Guid id, PackedFacts? before, PackedFacts? after, long order, DateTimeOffset at, bool seeded)
    {
        List<StatusShift>? shifts = null;
        _changes.Clear();
        ChangesOf(id, before, after, order, at, _changes);
        foreach (var (channel, change) in _changes)
        {
            if (Timeline(channel) is not { } timeline) continue;
            var was = timeline.Now;
            timeline.Change(at, change);
            var now = timeline.Now;
            var (from, to) = (was.Latest?.Status ?? StatusRules.Initial, now.Latest?.Status ?? StatusRules.Initial);
            var appended = was.IsExtendedBy(now);
            // Only a rewrite (never an append) can change the past.
            var pastRewritten = from == to && !appended && was.Intervals != now.Intervals;
            if (!seeded && (from != to || pastRewritten)) (shifts ??= []).Add(new StatusShift(channel, from, to, pastRewritten, Retroactive: !appended));
        }
        return shifts ?? (IReadOnlyList<StatusShift>)[];
    }

    /// <summary>Adds to <paramref name="changes"/> what a development going from <paramref name="before"/> to <paramref name="after"/> changes on each channel's timeline.</summary>
    public static void ChangesOf(Guid id, PackedFacts? before, PackedFacts? after, long order, DateTimeOffset at,
        List<(string Channel, TimelineChange Change)> changes)
    {
        var entry = after is null ? (TimelineEntry?)null : new TimelineEntry(after.Dated(id, order), at);
        if (before is null)
        {
            // A new development (the common case, a million times in a rebuild): added to each of its channels.
            var channels = after?.Channels ?? [];
            for (var i = 0; i < channels.Count; i++) changes.Add((channels[i], new TimelineChange(null, entry)));
            return;
        }
        var old = before.Dated(id, order);
        foreach (var channel in before.Channels.Union(after?.Channels ?? []))
        {
            var (was, @is) = (before.Channels.Contains(channel), after?.Channels.Contains(channel) == true);
            if (was && @is && old == entry!.Value.Development) continue;
            changes.Add((channel, new TimelineChange(was ? old : null, @is ? entry : null)));
        }
    }
}

/// <summary>A change to a channel's current status or past. Retroactive: it did not simply extend the timeline.</summary>
public sealed record StatusShift(string Channel, ChannelStatus From, ChannelStatus To, bool PastRewritten, bool Retroactive);
