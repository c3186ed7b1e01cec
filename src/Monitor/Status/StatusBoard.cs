using Monitor.Alerts;
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

    /// <param name="before">The development's facts before this event (for corrections and retractions).</param>
    /// <returns>What the event did to each channel it touched that calls for an alert.</returns>
    public IReadOnlyList<StatusShift> Apply(LedgerEvent e, DevelopmentFacts? before, long position, DateTimeOffset at)
    {
        var shifts = new List<StatusShift>();
        switch (e)
        {
            case LedgerEvent.DevelopmentRecorded recorded:
                foreach (var channel in recorded.Facts.Channels)
                    Change(channel, shifts, t => t.Add(Entry(recorded.DevelopmentId, recorded.Facts, position, at)));
                break;
            case LedgerEvent.DevelopmentCorrected corrected when before is not null:
                foreach (var channel in before.Channels.Union(corrected.Facts.Channels))
                {
                    var entry = Entry(corrected.DevelopmentId, corrected.Facts, position, at);
                    if (!corrected.Facts.Channels.Contains(channel)) Change(channel, shifts, t => t.Remove(corrected.DevelopmentId, at));
                    else if (!before.Channels.Contains(channel)) Change(channel, shifts, t => t.Add(entry));
                    else Change(channel, shifts, t => t.Replace(corrected.DevelopmentId, entry));
                }
                break;
            case LedgerEvent.DevelopmentRetracted retracted when before is not null:
                foreach (var channel in before.Channels) Change(channel, shifts, t => t.Remove(retracted.DevelopmentId, at));
                break;
        }
        return shifts;
    }

    private void Change(string channel, List<StatusShift> shifts, Action<ChannelTimeline> change)
    {
        if (Timeline(channel) is not { } timeline) return;
        var before = timeline.Now;
        change(timeline);
        var after = timeline.Now;
        var (from, to) = (before.Latest?.Status ?? StatusRules.Initial, after.Latest?.Status ?? StatusRules.Initial);
        var appended = before.IsExtendedBy(after);
        // Only a rewrite (never an append) can change the past.
        var pastRewritten = from == to && !appended && before.Intervals != after.Intervals;
        if (AlertRules.ForChange(from, to, pastRewritten) is { } kind) shifts.Add(new StatusShift(channel, kind, from, to, Retroactive: !appended));
    }

    private static TimelineEntry Entry(Guid id, DevelopmentFacts facts, long position, DateTimeOffset at) =>
        new(facts.OccurredOn, position, id, facts.Kind, at);
}

/// <summary>A change to a channel's timeline that calls for an alert. Retroactive: it did not simply extend the timeline.</summary>
public sealed record StatusShift(string Channel, AlertKind Kind, ChannelStatus From, ChannelStatus To, bool Retroactive);
