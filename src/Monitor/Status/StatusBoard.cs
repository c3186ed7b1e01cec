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
    public void Apply(LedgerEvent e, DevelopmentFacts? before, long position, DateTimeOffset at)
    {
        switch (e)
        {
            case LedgerEvent.DevelopmentRecorded recorded:
                foreach (var channel in recorded.Facts.Channels) Timeline(channel)?.Add(Entry(recorded.DevelopmentId, recorded.Facts, position, at));
                break;
            case LedgerEvent.DevelopmentCorrected corrected when before is not null:
                foreach (var channel in before.Channels.Union(corrected.Facts.Channels))
                {
                    var timeline = Timeline(channel);
                    var entry = Entry(corrected.DevelopmentId, corrected.Facts, position, at);
                    if (!corrected.Facts.Channels.Contains(channel)) timeline?.Remove(corrected.DevelopmentId, at);
                    else if (!before.Channels.Contains(channel)) timeline?.Add(entry);
                    else timeline?.Replace(corrected.DevelopmentId, entry);
                }
                break;
            case LedgerEvent.DevelopmentRetracted retracted when before is not null:
                foreach (var channel in before.Channels) Timeline(channel)?.Remove(retracted.DevelopmentId, at);
                break;
        }
    }

    private static TimelineEntry Entry(Guid id, DevelopmentFacts facts, long position, DateTimeOffset at) =>
        new(facts.OccurredOn, position, id, facts.Kind, at);
}
