using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using Monitor.Channels;
using Monitor.Json;
using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Dashboard;

/// <summary>
/// The dashboard at `/`: plain HTML, CSS and JavaScript modules shipped beside the program (no build step, no CDN:
/// users' networks are often closed). The page holds no data of its own; it reads the API like any other client,
/// so it needs no key to load and whatever key the API needs to read or write.
/// </summary>
public static class DashboardSetup
{
    /// <summary>Where the build copies src/Monitor/Dashboard/web.</summary>
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "dashboard");

    public static void MapDashboard(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Folder);
        var page = IndexPage(app.Services.GetRequiredService<ChannelCatalog>());
        app.MapGet("/", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Content(page, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = "/dashboard",
            // Revalidated on each load (ETag): a new version of the program is seen at once, an unchanged file costs a 304.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }

    /// <summary>
    /// The page as this server's catalog makes it: the feeds it announces, the channels, kinds and statuses its script
    /// reads, and a card and a timeline per channel, in place before the data arrives so that nothing moves when it does.
    /// </summary>
    private static string IndexPage(ChannelCatalog catalog)
    {
        var feeds = new StringBuilder(Feed("Every status change", "/feeds/changes.atom"));
        var cards = new StringBuilder();
        var timelines = new StringBuilder();
        foreach (var channel in catalog.All)
        {
            var id = WebUtility.HtmlEncode(channel.Id);
            var name = WebUtility.HtmlEncode(channel.Name);
            feeds.Append(Feed($"Status changes: {channel.Name}", $"/feeds/channels/{Uri.EscapeDataString(channel.Id)}.atom"));
            cards.Append($"""
                            <article class="card" id="card-{id}" data-channel="{id}" aria-busy="true"><h3>{name}</h3><p class="now">Loading…</p></article>

                """);
            timelines.Append($"""
                            <div class="timeline" id="timeline-{id}" data-channel="{id}" aria-busy="true">
                                <h3>{name}</h3><div class="track"></div><ol class="intervals"></ol>
                            </div>

                """);
        }
        var known = new
        {
            channels = catalog.All.Select(c => new { c.Id, c.Name, c.Description }),
            kinds = WireName.All<DevelopmentKind>(),
            statuses = WireName.All<ChannelStatus>(),
        };
        // Inside <script>, "</" would end the element: the JSON escapes it (and every HTML-significant character).
        var json = JsonSerializer.Serialize(known, MonitorJson.Options).Replace("</", "<\\/", StringComparison.Ordinal);
        return File.ReadAllText(Path.Combine(Folder, "index.html"))
            .Replace("<!-- feeds -->", feeds.ToString().TrimEnd())
            .Replace("<!-- catalog -->", $"""    <script type="application/json" id="catalog">{json}</script>""")
            .Replace("<!-- cards -->", cards.ToString().TrimEnd())
            .Replace("<!-- timelines -->", timelines.ToString().TrimEnd());
    }

    private static string Feed(string title, string href) =>
        $"""    <link rel="alternate" type="application/atom+xml" title="{WebUtility.HtmlEncode(title)}" href="{href}">""" + "\n";
}
