using Monitor.Channels;

namespace Monitor.Alerts.Delivery;

/// <summary>An alert in words: one subject and a few lines, rendered as plain text and as HTML for e-mail.</summary>
public sealed record AlertText(string Subject, IReadOnlyList<string> Lines)
{
    /// <param name="recent">For a digest: the alerts of the day before it, on the subscriber's channels.</param>
    public static AlertText Of(Alert alert, ChannelCatalog catalog, Subscription subscription, IReadOnlyList<Alert> recent)
    {
        string Name(string? channel) => catalog.Find(channel ?? "")?.Name ?? channel ?? "";
        var cause = alert.Development is { } d
            ? $"Development: {WireName.Of(d.Kind)} on {d.OccurredOn.Describe()}{(d.Change is { } c and not DevelopmentChange.Recorded ? $" ({WireName.Of(c)})" : "")}: {d.Summary}"
            : null;
        var (subject, lines) = alert.Kind switch
        {
            AlertKind.StatusChanged => ($"{Name(alert.Channel)}: {Status(alert.From)} → {Status(alert.To)}{(alert.Retroactive ? " (retroactive)" : "")}",
                new[] { $"The {Name(alert.Channel)} channel is now {Status(alert.To)}; it was {Status(alert.From)}.",
                    alert.Retroactive ? "Retroactive: a late report or a correction changed the current status." : null, cause }),
            AlertKind.HistoryRevised => ($"{Name(alert.Channel)}: past statuses revised",
                new[] { $"A late report or a correction rewrote the {Name(alert.Channel)} channel's past; it is still {Status(alert.To)}.", cause }),
            AlertKind.QuietChannel => ($"{Name(alert.Channel)}: quiet for {alert.Days} days",
                new[] { $"No development on the {Name(alert.Channel)} channel since {alert.Since?.Describe()} ({alert.Days} days); it is {Status(alert.To)}.", cause }),
            AlertKind.PendingOverdue => ($"{Name(alert.Channel)}: pending for {alert.Days} days",
                new[] { $"The {Name(alert.Channel)} channel has been pending since {alert.Since?.Describe()} ({alert.Days} days) with no contact held.", cause }),
            _ => ($"Daily digest for {alert.Day:yyyy-MM-dd}", Digest(alert, subscription, recent, Name)),
        };
        return new AlertText("[Monitor] " + subject, lines.OfType<string>().ToList());
    }

    public string PlainText() => string.Join("\n\n", Lines) + "\n";

    public string Html() =>
        "<html><body>" + string.Concat(Lines.Select(l => $"<p>{System.Net.WebUtility.HtmlEncode(l)}</p>")) + "</body></html>";

    private static string?[] Digest(Alert digest, Subscription subscription, IReadOnlyList<Alert> recent, Func<string?, string> name) =>
    [
        .. (digest.Channels ?? []).Where(c => subscription.Channels.Contains(c.Channel))
            .Select(c => $"{name(c.Channel)}: {Status(c.Status)}{(c.Since is { } since ? $" since {since.Describe()}" : "")}"),
        recent.Count == 0 ? "No status changes in the last day." : $"Changes in the last day ({recent.Count}):",
        .. recent.Select(a => $"{name(a.Channel)}: {Status(a.From)} → {Status(a.To)}{(a.Development is { } d ? $" — {d.Summary}" : "")}"),
    ];

    private static string Status(Status.ChannelStatus? status) => status is { } s ? WireName.Of(s) : "unknown";
}
