using Monitor.Channels;
using Monitor.Recording;

namespace Monitor.Status;

/// <summary>Every channel's timeline, kept current from the ledger's events.</summary>
public sealed class StatusBoard(ChannelCatalog catalog)
{
    private readonly Dictionary<string, ChannelTimeline> _timelines =
        catalog.All.ToDictionary(c => c.Id, _ => new ChannelTimeline(), StringComparer.Ordinal);

    public ChannelCatalog Catalog => catalog;

    public ChannelTimeline? Timeline(string channel) => _timelines.GetValueOrDefault(channel);

    /// <summary>Brings the timelines in line with what one ledger event did to a development.</summary>
    /// <param name="before">The development's live facts before the event (null: new, or retracted).</param>
    /// <param name="after">Its live facts after the event (null: retracted).</param>
    /// <param name="order">Where the development was first recorded in the log: the fold's last tie-break.</param>
    /// <returns>What the event did to each channel whose current status or past it changed (nothing for seeded history).</returns>
    public IReadOnlyList<StatusShift> Apply(Guid id, PackedFacts? before, PackedFacts? after, long order, DateTimeOffset at, bool seeded)
    {
        var shifts = new List<StatusShift>();
        foreach (var (channel, change) in ChangesOf(id, before, after, order, at))
        {
            if (Timeline(channel) is not { } timeline) continue;
            var was = timeline.Now;
            timeline.Change(at, [change]);
            var now = timeline.Now;
            var (from, to) = (was.Latest?.Status ?? StatusRules.Initial, now.Latest?.Status ?? StatusRules.Initial);
            var appended = was.IsExtendedBy(now);
            // Only a rewrite (never an append) can change the past.
            var pastRewritten = from == to && !appended && was.Intervals != now.Intervals;
            if (!seeded && (from != to || pastRewritten)) shifts.Add(new StatusShift(channel, from, to, pastRewritten, Retroactive: !appended));
        }
        return shifts;
    }

    /// <summary>What a development going from <paramref name="before"/> to <paramref name="after"/> changes on each channel's timeline.</summary>
    public static IEnumerable<(string Channel, TimelineChange Change)> ChangesOf(
        Guid id, PackedFacts? before, PackedFacts? after, long order, DateTimeOffset at)
    {
        var old = before?.Dated(id, order);
        var entry = after is null ? (TimelineEntry?)null : new TimelineEntry(after.Dated(id, order), at);
        if (before is null)
        {
            // A new development (the common case, a million times in a rebuild): added to each of its channels.
            foreach (var channel in after?.Channels ?? []) yield return (channel, new TimelineChange(null, entry));
            yield break;
        }
        foreach (var channel in before.Channels.Union(after?.Channels ?? []))
        {
            var (was, @is) = (before.Channels.Contains(channel), after?.Channels.Contains(channel) == true);
            if (was && @is && old == entry!.Value.Development) continue;
            yield return (channel, new TimelineChange(was ? old : null, @is ? entry : null));
        }
    }
}

/// <summary>A change to a channel's current status or past. Retroactive: it did not simply extend the timeline.</summary>
public sealed record StatusShift(string Channel, ChannelStatus From, ChannelStatus To, bool PastRewritten, bool Retroactive);
