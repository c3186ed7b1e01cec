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

    /// <summary>The development an event is about, as the alert should show it.</summary>
    public static AlertDevelopment? Cause(LedgerEvent e, DevelopmentFacts? before) => e switch
    {
        LedgerEvent.DevelopmentRecorded r => new(r.DevelopmentId, r.Facts.Kind, r.Facts.OccurredOn, r.Facts.Summary, DevelopmentChange.Recorded),
        LedgerEvent.DevelopmentCorrected c => new(c.DevelopmentId, c.Facts.Kind, c.Facts.OccurredOn, c.Facts.Summary, DevelopmentChange.Corrected),
        LedgerEvent.DevelopmentRetracted x when before is not null =>
            new(x.DevelopmentId, before.Kind, before.OccurredOn, before.Summary, DevelopmentChange.Retracted),
        _ => null,
    };
}
