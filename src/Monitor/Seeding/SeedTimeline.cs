using System.Text.Json;
using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Json;
using Monitor.Recording;

namespace Monitor.Seeding;

/// <summary>
/// The curated history a new installation starts with (seeds/developments.json): each development
/// cites an article by its file name; the article's title, publisher and date are given once.
/// </summary>
public sealed record SeedFile(Dictionary<string, SeedArticle> Articles, List<SeedDevelopment> Developments);

public sealed record SeedArticle(string Title, string Publisher, string? PublishedOn, string? Url, string? SyndicatedFrom = null);

public sealed record SeedDevelopment(
    List<string> Channels, string Kind, string OccurredOn, string Summary, List<string>? Actors, List<SeedSource> Sources,
    string? PlannedFor = null);

public sealed record SeedSource(string Article, string Evidence);

public static class SeedTimeline
{
    /// <summary>The seed file's developments as drafts, each source filled in from its article.</summary>
    public static IReadOnlyList<DevelopmentDraft> Read(string path)
    {
        var file = JsonSerializer.Deserialize<SeedFile>(File.ReadAllBytes(path), MonitorJson.Options)
            ?? throw new InvalidDataException($"{path} is empty.");
        return file.Developments.Select(d => new DevelopmentDraft(d.Channels, d.Kind, d.OccurredOn, d.Summary, d.Actors,
            d.Sources.Select(s => file.Articles.TryGetValue(s.Article, out var a)
                ? new SourceDraft(a.Title, a.Publisher, a.Url, a.PublishedOn, s.Evidence, s.Article, a.SyndicatedFrom)
                : throw new InvalidDataException($"{path}: a source cites '{s.Article}', which is not among its articles.")).ToList(),
            d.PlannedFor)).ToList();
    }

    /// <summary>
    /// Appends the seed history if the ledger has never been written: one atomic append expecting no
    /// stream, so two servers starting on one store cannot both seed, and a restart never seeds twice.
    /// </summary>
    public static async Task<int> LoadOnceAsync(IEventStore store, string path, ChannelCatalog catalog, DateOnly today, ILogger log, CancellationToken ct)
    {
        // The usual case, a store with history, costs one read and writes nothing (a damaged store is then said by the projection).
        if ((await store.ReadStreamAsync(Ledger.StreamName, 0, 1, ct)).Count > 0) return 0;
        var events = new List<EventData>();
        foreach (var (draft, index) in Read(path).Select((d, i) => (d, i)))
        {
            var (facts, errors) = DevelopmentValidation.Validate(draft, catalog, today);
            if (facts is null)
                throw new InvalidDataException($"{path}: developments[{index}] is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
            events.Add(LedgerCodec.Encode(new LedgerEvent.DevelopmentRecorded(Guid.CreateVersion7(), facts, Seeded: true)));
        }
        try
        {
            await store.AppendAsync(Ledger.StreamName, ExpectedRevision.NoStream, events, ct);
            log.LogInformation("Loaded {Count} seed developments from {Path}", events.Count, path);
            return events.Count;
        }
        catch (WrongExpectedRevisionException)
        {
            return 0;
        }
    }
}
