using Monitor.Recording;

namespace Monitor.Alerts;

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
