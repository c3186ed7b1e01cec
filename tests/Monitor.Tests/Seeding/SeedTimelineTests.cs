using Monitor.Channels;
using Monitor.Recording;
using Monitor.Seeding;

namespace Monitor.Tests.Seeding;

/// <summary>The curated history: valid, sourced, and quoting its articles word for word.</summary>
public class SeedTimelineTests
{
    private static readonly string SeedPath = Path.Combine(AppContext.BaseDirectory, "seeds", "developments.json");

    [Fact]
    public void Every_seed_development_is_valid_and_cites_an_article_file()
    {
        var drafts = SeedTimeline.Read(SeedPath);
        Assert.True(drafts.Count >= 10);
        foreach (var draft in drafts)
        {
            var (facts, errors) = DevelopmentValidation.Validate(draft, new ChannelCatalog(ChannelCatalog.Defaults), new DateOnly(2025, 1, 1));
            Assert.True(facts is not null, draft.Summary + ": " + string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}")));
            Assert.All(facts!.Sources, s => Assert.Matches(@"^\d{3}_[0-9a-f]{16}\.txt$", s.Reference));
        }
    }

    [Fact]
    public void The_seed_history_is_in_date_order_so_loading_it_is_not_retroactive()
    {
        var dates = SeedTimeline.Read(SeedPath).Select(d => { PartialDate.TryParse(d.OccurredOn, out var date, out _); return date; }).ToList();
        Assert.Equal(dates.Order(), dates);
    }

    [Fact]
    public void Every_evidence_quote_stands_word_for_word_in_its_article()
    {
        // The articles live in the shared folder beside the project (never copied into it); CI always has it.
        var articles = FindSharedSeeds();
        Assert.True(articles is not null, "shared/seeds not found beside the project: the articles are needed to check the quotes.");
        foreach (var source in SeedTimeline.Read(SeedPath).SelectMany(d => d.Sources!))
        {
            var text = File.ReadAllText(Path.Combine(articles, source.Reference!));
            Assert.Contains(source.Evidence!, text);
        }
    }

    private static string? FindSharedSeeds()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "seeds");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
