using Monitor.Recording;
using Monitor.Status;
using static Monitor.Alerts.Alert;

namespace Monitor.Alerts;

/// <summary>
/// An alert as webhooks, the live stream and GET /api/alerts carry it: one object for every kind, its fields in this
/// order, absent ones left out. The public contract, kept apart from the domain's cases so that reshaping them never
/// changes a body (a webhook's signature is over these very bytes). <c>retroactive</c> is always written, as it
/// always was; a history revision shows its unchanged status as both from and to, and pending-overdue its status.
/// </summary>
public sealed record AlertJson(
    Guid Id,
    AlertKind Kind,
    string? Channel,
    ChannelStatus? From,
    ChannelStatus? To,
    bool Retroactive,
    AlertDevelopment? Development,
    Period? Since,
    int? Days,
    DateOnly? Day,
    IReadOnlyList<ChannelState>? Channels,
    DateTimeOffset RaisedAt)
{
    public static AlertJson Of(RaisedAlert raised)
    {
        var (alert, at) = (raised.Alert, raised.RaisedAt);
        return alert switch
        {
            StatusChanged a => new(a.Id, a.Kind, a.Channel, a.From, a.To, a.Retroactive, a.Development, null, null, null, null, at),
            HistoryRevised a => new(a.Id, a.Kind, a.Channel, a.Status, a.Status, true, a.Development, null, null, null, null, at),
            QuietChannel a => new(a.Id, a.Kind, a.Channel, null, a.Status, false, a.Development, a.Since, a.Days, null, null, at),
            PendingOverdue a => new(a.Id, a.Kind, a.Channel, null, ChannelStatus.Pending, false, a.Development, a.Since, a.Days, null, null, at),
            Digest a => new(a.Id, a.Kind, null, null, null, false, null, null, null, a.Day, a.Channels, at),
            _ => throw new ArgumentOutOfRangeException(nameof(raised), alert.GetType().Name, "Not an alert."),
        };
    }
}
