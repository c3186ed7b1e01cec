using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Alerts;

/// <summary>
/// One alert, as every subscriber and the stream receive it. Which fields are set depends on the kind:
/// status-changed and history-revised carry from/to and the causing development; quiet-channel and
/// pending-overdue the channel, since when and for how many days; the digest its day and every channel's status.
/// </summary>
public sealed record Alert(
    Guid Id,
    AlertKind Kind,
    string? Channel = null,
    ChannelStatus? From = null,
    ChannelStatus? To = null,
    bool Retroactive = false,
    AlertDevelopment? Development = null,
    Period? Since = null,
    int? Days = null,
    DateOnly? Day = null,
    IReadOnlyList<ChannelState>? Channels = null,
    DateTimeOffset? RaisedAt = null);

/// <summary>
/// The development behind an alert, as it read when the alert was raised, and what was done to it
/// (no change for alerts raised by the passage of time).
/// </summary>
public sealed record AlertDevelopment(Guid Id, DevelopmentKind Kind, Period OccurredOn, string Summary, DevelopmentChange? Change = null)
{
    /// <summary>The development a ledger event is about, as an alert should show it: as it read before a retraction, else after the event.</summary>
    public static AlertDevelopment Of(LedgerEvent e, DevelopmentFacts? before, DevelopmentFacts after)
    {
        var (facts, change) = e switch
        {
            LedgerEvent.DevelopmentRecorded => (after, DevelopmentChange.Recorded),
            LedgerEvent.SourceAdded => (after, DevelopmentChange.SourceAdded),
            LedgerEvent.DevelopmentCorrected => (after, DevelopmentChange.Corrected),
            LedgerEvent.DevelopmentRetracted => (before ?? after, DevelopmentChange.Retracted),
            _ => throw new ArgumentOutOfRangeException(nameof(e)),
        };
        return new(e.DevelopmentId, facts.Kind, facts.OccurredOn, facts.Summary, change);
    }
}

public enum DevelopmentChange
{
    Recorded,
    SourceAdded,
    Corrected,
    Retracted,
}

/// <summary>A channel's status in a digest.</summary>
public sealed record ChannelState(string Channel, ChannelStatus Status, Period? Since);
