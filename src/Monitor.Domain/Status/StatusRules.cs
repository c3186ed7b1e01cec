using Monitor.Recording;

namespace Monitor.Status;

/// <summary>The one place the brief's status table lives: how a development moves a channel.</summary>
public static class StatusRules
{
    public const ChannelStatus Initial = ChannelStatus.Unknown;

    public static ChannelStatus Evolve(ChannelStatus status, DevelopmentKind kind) => kind switch
    {
        DevelopmentKind.Suspended => ChannelStatus.Suspended,
        DevelopmentKind.ContactHeld => ChannelStatus.Active,
        DevelopmentKind.Declined when status is ChannelStatus.Active => ChannelStatus.Strained,
        DevelopmentKind.RestorationAgreed or DevelopmentKind.ContactPlanned
            when status is ChannelStatus.Unknown or ChannelStatus.Suspended => ChannelStatus.Pending,
        DevelopmentKind.Declined or DevelopmentKind.RestorationAgreed or DevelopmentKind.ContactPlanned
            or DevelopmentKind.RestorationRequested or DevelopmentKind.ContactRequested or DevelopmentKind.Context => status,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown development kind"),
    };

    public static ChannelStatus Fold(IEnumerable<DevelopmentKind> kinds) => kinds.Aggregate(Initial, Evolve);
}
