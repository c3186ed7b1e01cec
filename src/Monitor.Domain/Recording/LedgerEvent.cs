namespace Monitor.Recording;

/// <summary>
/// What the ledger of developments stores. Closed: every case is listed here, so a switch over it
/// is checked by the compiler. A mistake is mended by a later event, never by rewriting one.
/// </summary>
public abstract record LedgerEvent
{
    private LedgerEvent() { }

    public abstract Guid DevelopmentId { get; init; }

    /// <param name="Seeded">Loaded with the curated history of a new installation: old news, not a change to alert on.</param>
    public sealed record DevelopmentRecorded(Guid DevelopmentId, DevelopmentFacts Facts, bool Seeded = false) : LedgerEvent;

    /// <summary>Another report of the same development: it may make the development certain sooner.</summary>
    public sealed record SourceAdded(Guid DevelopmentId, Source Source) : LedgerEvent;

    /// <summary>Replaces the facts of an earlier development from now on; the original stays visible.</summary>
    public sealed record DevelopmentCorrected(Guid DevelopmentId, DevelopmentFacts Facts, string Reason) : LedgerEvent;

    /// <summary>Withdraws an earlier development: it no longer bears on any status.</summary>
    public sealed record DevelopmentRetracted(Guid DevelopmentId, string Reason) : LedgerEvent;
}
