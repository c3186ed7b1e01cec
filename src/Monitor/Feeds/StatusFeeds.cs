using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Monitor.Channels;
using Monitor.Hosting;
using Monitor.Http;
using Monitor.Projections;
using Monitor.Status;

namespace Monitor.Feeds;

/// <summary>
/// Atom feeds of status changes, for feed readers and the tools people already watch: GET /feeds/changes.atom
/// (every channel) and GET /feeds/channels/{id}.atom. An entry is one change as the timelines have it today:
/// the channel, from and to, the development that caused it with its sources. Entry ids are stable
/// (urn:monitor:change:{channel}:{development}), so a reader shows each change once.
/// </summary>
public static class StatusFeeds
{
    public const int MaxEntries = 100;
    private const string AtomType = "application/atom+xml; charset=utf-8";

    public static void MapStatusFeeds(this WebApplication app)
    {
        var feeds = app.MapGroup("/feeds").RequireAuthorization(Auth.Roles.Reader).ServeOnceCaughtUp().WithTags("For other tools");
        feeds.MapGet("/changes.atom", (HttpRequest request, ReadModel model, TimeProvider clock) =>
            Atom(request, "urn:monitor:feed:changes", "US–China military channels: every status change",
                model.Read(m => m.LatestChanges(m.Board.Catalog.All, clock.Today(), MaxEntries))))
            .WithSummary("Atom feed of every channel's status changes, newest first.");
        feeds.MapGet("/channels/{id}.atom", (string id, HttpRequest request, ReadModel model, TimeProvider clock) =>
            model.Board.Catalog.Find(id) is not { } channel ? Http.Problems.NotFound(model.Board.Catalog.Unknown(id))
            : Atom(request, $"urn:monitor:feed:channel:{channel.Id}", $"{channel.Name}: status changes",
                model.Read(m => m.LatestChanges([channel], clock.Today(), MaxEntries))))
            .WithSummary("Atom feed of one channel's status changes, newest first.");
    }

    private static IResult Atom(HttpRequest request, string id, string title, List<ChangeView> changes)
    {
        // The header as sent: HttpRequest.Host decodes it (punycode), which throws on a bad name; a port past 65535 makes no address.
        if (!Uri.TryCreate($"{request.Scheme}://{request.Headers.Host}/", UriKind.Absolute, out var site))
            return Problems.Invalid("Host", "The Host header is not a host name with an optional port: the feed's links are made from it.");
        var feed = new SyndicationFeed(title, "Where each US–China military communication channel stands, as developments are recorded.",
            site, id, changes.Count > 0 ? changes.Max(c => c.Interval.Cause.RecordedAt) : DateTimeOffset.UnixEpoch)
        {
            Items = changes.Select(change => Entry(change, site)).ToList(),
        };
        feed.Authors.Add(new SyndicationPerson { Name = "Monitor" });
        feed.Links.Add(new SyndicationLink(new Uri(site, request.Path + request.QueryString), "self", title, "application/atom+xml", 0));
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
            new Atom10FeedFormatter(feed).WriteTo(writer);
        // StringBuilder is UTF-16: the declaration must say what the response is.
        return Results.Text(text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), AtomType, Encoding.UTF8);
    }

    private static SyndicationItem Entry(ChangeView change, Uri site)
    {
        var (channel, interval) = (change.Channel, change.Interval);
        var cause = interval.Cause;
        var replay = new Uri(site, $"/?asOf={interval.CertainFrom:yyyy-MM-dd}");
        var item = new SyndicationItem(
            $"{channel.Name}: {WireName.Of(change.From)} → {WireName.Of(interval.Status)} ({interval.FromText})",
            Content(change), replay, $"urn:monitor:change:{channel.Id}:{cause.Id}", cause.RecordedAt)
        {
            PublishDate = cause.RecordedAt,
        };
        item.Categories.Add(new SyndicationCategory(channel.Id));
        item.Categories.Add(new SyndicationCategory(WireName.Of(interval.Status)));
        foreach (var source in cause.Sources.Where(s => s.Url is not null))
            item.Links.Add(new SyndicationLink(new Uri(source.Url!), "related", $"{source.Publisher}: {source.Title}", "text/html", 0));
        return item;
    }

    /// <summary>The change in words: since when, the development that made it, and what each source says.</summary>
    private static TextSyndicationContent Content(ChangeView change)
    {
        var interval = change.Interval;
        var text = new StringBuilder()
            .Append($"{change.Channel.Name}: {WireName.Of(change.From)} → {WireName.Of(interval.Status)}, since {interval.FromText} ")
            .Append($"(certain by {interval.CertainFrom.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}).\n\n")
            .Append($"{WireName.Of(interval.Cause.Kind)}: {interval.Cause.Summary}\n");
        foreach (var source in interval.Cause.Sources)
            text.Append($"\n{source.Publisher}, \"{source.Title}\" ({source.PublishedOn}): \"{source.Evidence}\"");
        return new TextSyndicationContent(text.ToString(), TextSyndicationContentKind.Plaintext);
    }
}
