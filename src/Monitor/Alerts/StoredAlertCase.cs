using System.Text.Json;
using Monitor.Recording;
using Monitor.Status;
using static Monitor.Alerts.Alert;

namespace Monitor.Alerts;

/// <summary>
/// An alert's case to and from the one flat shape every kind is stored in. Fields a kind always wrote the same
/// (a history revision's from, which is its to, and its retroactive; pending-overdue's to) are written as they were
/// and not read back: the case knows them.
/// </summary>
internal static class StoredAlertCase
{
    public static StoredAlert Store(Alert alert, DateTimeOffset raisedAt)
    {
        var stored = new StoredAlert { Id = alert.Id, Kind = WireName.Of(alert.Kind), Channel = alert.OnChannel, RaisedAt = raisedAt };
        switch (alert)
        {
            case StatusChanged a:
                (stored.From, stored.To, stored.Retroactive, stored.Development) = (WireName.Of(a.From), WireName.Of(a.To), a.Retroactive, Store(a.Development));
                break;
            case HistoryRevised a:
                (stored.From, stored.To, stored.Retroactive, stored.Development) = (WireName.Of(a.Status), WireName.Of(a.Status), true, Store(a.Development));
                break;
            case QuietChannel a:
                (stored.To, stored.Development, stored.Since, stored.Days) = (WireName.Of(a.Status), Store(a.Development), a.Since.ToString(), a.Days);
                break;
            case PendingOverdue a:
                (stored.To, stored.Development, stored.Since, stored.Days) =
                    (WireName.Of(ChannelStatus.Pending), Store(a.Development), a.Since.ToString(), a.Days);
                break;
            case Digest a:
                (stored.Day, stored.Channels) = (a.Day, [.. a.Channels.Select(Store)]);
                break;
        }
        return stored;
    }

    public static Alert Read(StoredAlert s) => Parse<AlertKind>(s.Kind, "kind") switch
    {
        AlertKind.StatusChanged => new StatusChanged(s.Id, Channel(s), Parse<ChannelStatus>(s.From, "from"), Parse<ChannelStatus>(s.To, "to"),
            s.Retroactive, Read(s.Development ?? throw Missing("development"))),
        AlertKind.HistoryRevised => new HistoryRevised(s.Id, Channel(s), Parse<ChannelStatus>(s.To, "to"),
            Read(s.Development ?? throw Missing("development"))),
        AlertKind.QuietChannel => new QuietChannel(s.Id, Channel(s), Parse<ChannelStatus>(s.To, "to"), Period(s.Since, "since"), Days(s),
            ReadIfAny(s.Development)),
        AlertKind.PendingOverdue => new PendingOverdue(s.Id, Channel(s), Period(s.Since, "since"), Days(s), ReadIfAny(s.Development)),
        AlertKind.Digest => new Digest(s.Id, s.Day ?? throw Missing("day"), [.. (s.Channels ?? throw Missing("channels")).Select(Read)]),
        _ => throw new JsonException($"'{s.Kind}' is not a kind of alert this program stores."),
    };

    public static JsonException Missing(string field) => new($"The stored event has no {field}.");

    private static StoredDevelopment? Store(AlertDevelopment? d) => d is null ? null : new()
    {
        Id = d.Id,
        Kind = WireName.Of(d.Kind),
        OccurredOn = d.OccurredOn.ToString(),
        Summary = d.Summary,
        Change = d.Change is { } change ? WireName.Of(change) : null,
    };

    private static StoredChannelState Store(ChannelState c) =>
        new() { Channel = c.Channel, Status = WireName.Of(c.Status), Since = c.Since?.ToString() };

    private static AlertDevelopment? ReadIfAny(StoredDevelopment? d) => d is null ? null : Read(d);

    private static AlertDevelopment Read(StoredDevelopment d) =>
        new(d.Id, Parse<DevelopmentKind>(d.Kind, "development.kind"), Period(d.OccurredOn, "development.occurredOn"),
            d.Summary ?? throw Missing("development.summary"), d.Change is null ? null : Parse<DevelopmentChange>(d.Change, "development.change"));

    private static ChannelState Read(StoredChannelState c) =>
        new(c.Channel ?? throw Missing("channels.channel"), Parse<ChannelStatus>(c.Status, "channels.status"),
            c.Since is null ? null : Period(c.Since, "channels.since"));

    private static string Channel(StoredAlert s) => s.Channel ?? throw Missing("channel");

    private static int Days(StoredAlert s) => s.Days ?? throw Missing("days");

    private static TEnum Parse<TEnum>(string? wire, string field) where TEnum : struct, Enum =>
        WireName.TryParse<TEnum>(wire, out var value) ? value
        : wire is null ? throw Missing(field) : throw new JsonException($"{field}: '{wire}' is not a {typeof(TEnum).Name}.");

    private static Period Period(string? text, string field) =>
        Recording.Period.TryParse(text, out var period, out var error) ? period : throw new JsonException($"{field}: {error}");
}
