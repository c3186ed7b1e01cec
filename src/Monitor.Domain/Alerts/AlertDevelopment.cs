using Monitor.Recording;

namespace Monitor.Alerts;

/// <summary>
/// The development behind an alert, as it read when the alert was raised, and what was done to it
/// (no change for alerts raised by the passage of time).
/// </summary>
public sealed record AlertDevelopment(Guid Id, DevelopmentKind Kind, Period OccurredOn, string Summary, DevelopmentChange? Change = null)
{
    /// <summary>What a ledger event did to its development.</summary>
    public static DevelopmentChange ChangeOf(LedgerEvent e) => e switch
    {
        LedgerEvent.DevelopmentRecorded => DevelopmentChange.Recorded,
        LedgerEvent.SourceAdded => DevelopmentChange.SourceAdded,
        LedgerEvent.DevelopmentCorrected => DevelopmentChange.Corrected,
        LedgerEvent.DevelopmentRetracted => DevelopmentChange.Retracted,
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };
}

public enum DevelopmentChange
{
    Recorded,
    SourceAdded,
    Corrected,
    Retracted,
}
