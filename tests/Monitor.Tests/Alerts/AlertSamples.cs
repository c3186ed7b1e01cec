using Monitor.Alerts;
using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Tests.Alerts;

/// <summary>One alert of each kind, with text that JSON escapes and text it leaves alone, for the contract tests.</summary>
internal static class AlertSamples
{
    public static readonly DateTimeOffset RaisedAt = new DateTimeOffset(2026, 3, 1, 7, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);
    public static readonly Guid Subscriber = Guid.Parse("0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f");
    public static readonly Guid OtherSubscriber = Guid.Parse("0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e70");

    private static readonly AlertDevelopment Talks = new(Guid.Parse("d44be96b-0232-41f8-b249-b0daf403056c"), DevelopmentKind.ContactHeld,
        Period.Parse("2025-11-18/2025-11-20"), "Talks held \"in person\" <at> the Pentagon & é", DevelopmentChange.SourceAdded);

    private static readonly AlertDevelopment Agreement = Talks with
    {
        Kind = DevelopmentKind.RestorationAgreed,
        OccurredOn = Period.Parse("2026-02-25"),
        Change = null,
    };

    public static readonly Alert StatusChanged = new Alert.StatusChanged(Guid.Parse("8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"), "military",
        ChannelStatus.Suspended, ChannelStatus.Active, Retroactive: true, Talks);

    public static readonly Alert HistoryRevised = new Alert.HistoryRevised(Guid.Parse("8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7e"), "military",
        ChannelStatus.Active, Talks with { Change = DevelopmentChange.Retracted });

    public static readonly Alert QuietChannel = new Alert.QuietChannel(Guid.Parse("8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7f"), "theater-commander",
        ChannelStatus.Pending, Agreement.OccurredOn, 34, Agreement);

    public static readonly Alert PendingOverdue = new Alert.PendingOverdue(Guid.Parse("8a1f0c2e-3b4d-8e5f-a617-28394a5b6c80"), "defense-minister",
        Agreement.OccurredOn, 24, Agreement);

    public static readonly Alert Digest = new Alert.Digest(Guid.Parse("8a1f0c2e-3b4d-8e5f-a617-28394a5b6c81"), new DateOnly(2026, 3, 1),
        [new("military", ChannelStatus.Pending, Period.Parse("2026-02-25")), new("defense-minister", ChannelStatus.Unknown, null)]);

    public static Alert Of(AlertKind kind) => new[] { StatusChanged, HistoryRevised, QuietChannel, PendingOverdue, Digest }.Single(a => a.Kind == kind);

    public static RaisedAlert Raised(Alert alert) => new(alert, RaisedAt, 7, []);
}
