using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Alerts.Detection;

/// <summary>A status shift on one channel, with the ledger event that caused it and where it sits in the log.</summary>
public sealed record DetectedChange(long Position, Guid EventId, StatusShift Shift, AlertDevelopment Development)
{
    /// <summary>The alert this change raises: its id is derived from the causing event, so it is the same on every run.</summary>
    public Alert ToAlert() => new(
        AlertId.For(Shift.Kind, Shift.Channel, EventId), Shift.Kind, Shift.Channel,
        From: Shift.From, To: Shift.To, Retroactive: Shift.Retroactive, Development: Development);

    /// <summary>The development an event is about, as the alert should show it: as it read before a retraction, else after the event.</summary>
    public static AlertDevelopment? Cause(LedgerEvent e, DevelopmentFacts? before, DevelopmentFacts after)
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
