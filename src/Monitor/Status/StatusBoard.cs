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
    public IReadOnlyList<StatusShift> Apply(Guid id, DevelopmentFacts? before, DevelopmentFacts? after, long order, DateTimeOffset at, bool seeded)
    {
        var shifts = new List<StatusShift>();
        if (before is null && after is not null)
        {
            // A new development (the common case, a million times in a rebuild): added to each of its channels.
            var added = new TimelineEntry(DatedDevelopment.Of(id, after, order), at);
            foreach (var channel in after.Channels) Change(channel, shifts, seeded, t => t.Add(added));
            return shifts;
        }
        var old = before is null ? (DatedDevelopment?)null : DatedDevelopment.Of(id, before, order);
        var entry = after is null ? (TimelineEntry?)null : new TimelineEntry(DatedDevelopment.Of(id, after, order), at);
        foreach (var channel in (before?.Channels ?? []).Union(after?.Channels ?? []))
        {
            var (was, @is) = (before?.Channels.Contains(channel) == true, after?.Channels.Contains(channel) == true);
            if (was && !@is) Change(channel, shifts, seeded, t => t.Remove(old!.Value, at));
            else if (!was && @is) Change(channel, shifts, seeded, t => t.Add(entry!.Value));
            else if (old != entry!.Value.Development) Change(channel, shifts, seeded, t => t.Replace(old!.Value, entry.Value));
        }
        return shifts;
    }

    private void Change(string channel, List<StatusShift> shifts, bool seeded, Action<ChannelTimeline> change)
    {
        if (Timeline(channel) is not { } timeline) return;
        var before = timeline.Now;
        change(timeline);
        var after = timeline.Now;
        var (from, to) = (before.Latest?.Status ?? StatusRules.Initial, after.Latest?.Status ?? StatusRules.Initial);
        var appended = before.IsExtendedBy(after);
        // Only a rewrite (never an append) can change the past.
        var pastRewritten = from == to && !appended && before.Intervals != after.Intervals;
        if (!seeded && (from != to || pastRewritten)) shifts.Add(new StatusShift(channel, from, to, pastRewritten, Retroactive: !appended));
    }
}

/// <summary>A change to a channel's current status or past. Retroactive: it did not simply extend the timeline.</summary>
public sealed record StatusShift(string Channel, ChannelStatus From, ChannelStatus To, bool PastRewritten, bool Retroactive);
