using Monitor.Channels;
using static Monitor.Alerts.Alert;

namespace Monitor.Alerts.Delivery;

/// <summary>An alert in words: one subject and a few lines, rendered as plain text and as HTML for e-mail.</summary>
public sealed record AlertText(string Subject, IReadOnlyList<string> Lines)
{
    /// <param name="recent">For a digest: the status changes of the day before it, on the subscriber's channels.</param>
    public static AlertText Of(Alert alert, ChannelCatalog catalog, Subscription subscription, IReadOnlyList<StatusChanged> recent)
    {
        string Name(string channel) => catalog.Find(channel)?.Name ?? channel;
        var (subject, lines) = alert switch
        {
            StatusChanged a => ($"{Name(a.Channel)}: {Status(a.From)} → {Status(a.To)}{(a.Retroactive ? " (retroactive)" : "")}",
                new[] { $"The {Name(a.Channel)} channel is now {Status(a.To)}; it was {Status(a.From)}.",
                    a.Retroactive ? "Retroactive: a late report or a correction changed the current status." : null, Cause(a.Development) }),
            HistoryRevised a => ($"{Name(a.Channel)}: past statuses revised",
                new[] { $"A late report or a correction rewrote the {Name(a.Channel)} channel's past; it is still {Status(a.Status)}.",
                    Cause(a.Development) }),
            QuietChannel a => ($"{Name(a.Channel)}: quiet for {a.Days} days",
                new[] { $"No development on the {Name(a.Channel)} channel since {a.Since.Describe()} ({a.Days} days); it is {Status(a.Status)}.",
                    Cause(a.Development) }),
            PendingOverdue a => ($"{Name(a.Channel)}: pending for {a.Days} days",
                new[] { $"The {Name(a.Channel)} channel has been pending since {a.Since.Describe()} ({a.Days} days) with no contact held.",
                    Cause(a.Development) }),
            Digest a => ($"Daily digest for {a.Day:yyyy-MM-dd}", Digest(a, subscription, recent, Name)),
            _ => throw new ArgumentOutOfRangeException(nameof(alert), alert.GetType().Name, "Not an alert."),
        };
        return new AlertText("[Monitor] " + subject, lines.OfType<string>().ToList());
    }

    public string PlainText() => string.Join("\n\n", Lines) + "\n";

    public string Html() =>
        "<html><body>" + string.Concat(Lines.Select(l => $"<p>{System.Net.WebUtility.HtmlEncode(l)}</p>")) + "</body></html>";

    private static string? Cause(AlertDevelopment? d) => d is null ? null
        : $"Development: {WireName.Of(d.Kind)} on {d.OccurredOn.Describe()}{(d.Change is { } c and not DevelopmentChange.Recorded ? $" ({WireName.Of(c)})" : "")}: {d.Summary}";

    private static string?[] Digest(Digest digest, Subscription subscription, IReadOnlyList<StatusChanged> recent, Func<string, string> name) =>
    [
        .. digest.Channels.Where(c => subscription.Channels.Contains(c.Channel))
            .Select(c => $"{name(c.Channel)}: {Status(c.Status)}{(c.Since is { } since ? $" since {since.Describe()}" : "")}"),
        recent.Count == 0 ? "No status changes in the last day." : $"Changes in the last day ({recent.Count}):",
        .. recent.Select(a => $"{name(a.Channel)}: {Status(a.From)} → {Status(a.To)} — {a.Development.Summary}"),
    ];

    private static string Status(Status.ChannelStatus status) => WireName.Of(status);
}
