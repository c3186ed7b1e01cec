namespace Monitor.Recording;

/// <summary>What a reported development says happened. Wire names are kebab-case ("contact-held").</summary>
public enum DevelopmentKind
{
    Suspended,
    RestorationRequested,
    ContactRequested,
    Declined,
    RestorationAgreed,
    ContactPlanned,
    ContactHeld,
    Context,
}
