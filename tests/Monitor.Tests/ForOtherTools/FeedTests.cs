using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Monitor.Tests.Api;

namespace Monitor.Tests.ForOtherTools;

/// <summary>The Atom feeds of status changes, read as a feed reader reads them.</summary>
public sealed class FeedTests : IAsyncLifetime
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly MonitorHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<(XDocument Xml, SyndicationFeed Feed)> ReadAsync(string path)
    {
        var response = await _host.Reader.GetAsync(path);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var reader = XmlReader.Create(new StringReader(text));
        return (XDocument.Parse(text), SyndicationFeed.Load(reader));
    }

    [Theory]
    [InlineData("monitor.example:99999")]
    [InlineData("a..b")]
    [InlineData("xn--:80")]
    public async Task A_host_header_that_names_no_host_is_refused_or_passed_through_never_a_failure(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/changes.atom");
        request.Headers.TryAddWithoutValidation("Host", host);

        var response = await _host.Reader.SendAsync(request);

        // Refused (by Kestrel, or as no address to link to), or taken as the host it names; never an internal error.
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"{host}: {response.StatusCode}");
    }

    [Fact]
    public async Task Each_channel_feed_is_valid_Atom_with_one_entry_per_status_change_of_its_timeline()
    {
        foreach (var channel in new[] { "military", "theater-commander", "defense-minister" })
        {
            var (xml, feed) = await ReadAsync($"/feeds/channels/{channel}.atom");
            AssertRequiredAtomElements(xml);
            var intervals = (await _host.Reader.GetJson($"/api/channels/{channel}/timeline")).GetProperty("intervals");
            Assert.Equal(intervals.GetArrayLength(), feed.Items.Count());
            var causes = intervals.EnumerateArray().Select(i => i.GetProperty("cause").GetProperty("id").GetString()).ToHashSet();
            Assert.All(feed.Items, item => Assert.Contains(item.Id.Split(':')[^1], causes));
            Assert.All(feed.Items, item => Assert.StartsWith($"urn:monitor:change:{channel}:", item.Id));
        }
    }

    [Fact]
    public async Task A_change_recorded_appears_first_in_the_feed_of_every_change_with_its_sources()
    {
        var body = ApiJson.Development("theater-commander", "contact-held", "2024-09-10");
        body["summary"] = "Adm. Paparo held a video call with the Southern Theater commander.";
        body["sources"]![0]!["url"] = "https://wire.example.org/paparo-call";
        (await _host.Analyst.PostAsync("/api/developments", ApiJson.Body(body))).EnsureSuccessStatusCode();

        var (xml, feed) = await ReadAsync("/feeds/changes.atom");
        AssertRequiredAtomElements(xml);
        var first = feed.Items.First();
        Assert.Equal("Theater commanders: pending → active (10 Sep 2024)", first.Title.Text);
        Assert.Contains("Adm. Paparo held a video call", ((TextSyndicationContent)first.Content).Text);
        Assert.Contains(first.Links, link => link.RelationshipType == "related" && link.Uri.ToString() == "https://wire.example.org/paparo-call");
        Assert.True(feed.Items.Select(i => i.Id).Distinct().Count() == feed.Items.Count(), "Two entries share an id.");
    }

    [Fact]
    public async Task An_unknown_channel_has_no_feed_and_is_told_the_known_ones()
    {
        var response = await _host.Reader.GetAsync("/feeds/channels/navy.atom");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Known channels: military, theater-commander, defense-minister.", await response.Content.ReadAsStringAsync());
    }

    /// <summary>RFC 4287: a feed has id, title and updated (and an author, or each entry has one); so does every entry.</summary>
    private static void AssertRequiredAtomElements(XDocument xml)
    {
        var feed = xml.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var required in new[] { "id", "title", "updated", "author" }) Assert.NotNull(feed.Element(Atom + required));
        Assert.Contains(feed.Elements(Atom + "link"), link => (string?)link.Attribute("rel") == "self");
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            foreach (var required in new[] { "id", "title", "updated" }) Assert.False(string.IsNullOrEmpty(entry.Element(Atom + required)?.Value));
            Assert.True(DateTimeOffset.TryParse(entry.Element(Atom + "updated")!.Value, out _));
        }
    }
}
