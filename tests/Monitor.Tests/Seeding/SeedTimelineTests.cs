using System.Text.RegularExpressions;
using Monitor.Channels;
using Monitor.Recording;
using Monitor.Seeding;
using Monitor.Status;

namespace Monitor.Tests.Seeding;

/// <summary>
/// The curated history: valid, sourced, one development per event, every channel borne out by a quote, quoting its
/// articles word for word, and written in the order the status fold reads it.
/// </summary>
public class SeedTimelineTests
{
    private static readonly string SeedPath = Path.Combine(AppContext.BaseDirectory, "seeds", "developments.json");
    private static readonly DateOnly Today = new(2026, 1, 1);
    private const string ArticleFile = @"^\d{3}_[0-9a-f]{16}\.txt$";

    /// <summary>The words that name each channel's level, as articles write them (the brief, "Domain").</summary>
    private static readonly Dictionary<string, Regex> LevelNames = new()
    {
        ["military"] = Level(@"military|armed forces|defen[cs]e policy|maritime|chiefs?|Central Military Commission"),
        ["theater-commander"] = Level(@"theat(er|re)|Indo-Pacific|INDOPACOM|commander"),
        ["defense-minister"] = Level(@"defen[cs]e (secretary|minister|chief)|secretary of defen[cs]e"
            + @"|minister of national defen[cs]e|Austin|Li Shangfu|Dong Jun|Hegseth"),
    };

    [Fact]
    public void Every_seed_development_is_valid_and_cites_an_article_file()
    {
        var drafts = SeedTimeline.Read(SeedPath);
        Assert.True(drafts.Count >= 10, $"Only {drafts.Count} seed developments.");
        foreach (var draft in drafts)
        {
            var (facts, errors) = Validate(draft);
            Assert.True(facts is not null,
                draft.Summary + ": " + string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}")));
            Assert.All(facts!.Sources, s => Assert.Matches(ArticleFile, s.Reference ?? ""));
            Assert.True(facts.Sources.Select(s => s.Reference).Distinct().Count() == facts.Sources.Count,
                $"'{draft.Summary}' cites one article twice: a report is one source, with one quote.");
        }
    }

    [Fact]
    public void The_file_reads_in_fold_order_by_certain_by_date_then_period_start()
    {
        var keyed = Facts().Select(f => (Key: (Certainty.CertainBy(f), f.OccurredOn.Start), f.Summary)).ToList();
        for (var i = 1; i < keyed.Count; i++)
        {
            Assert.True(keyed[i - 1].Key.CompareTo(keyed[i].Key) <= 0,
                $"developments[{i}] ('{keyed[i].Summary}', certain by {keyed[i].Key.Item1}, from {keyed[i].Key.Item2}) "
                + $"stands after [{i - 1}], certain by {keyed[i - 1].Key.Item1}, from {keyed[i - 1].Key.Item2}.");
        }
    }

    [NeedsSharedSeedsFact]
    public void Every_evidence_quote_stands_word_for_word_in_its_article()
    {
        foreach (var source in SeedTimeline.Read(SeedPath).SelectMany(d => d.Sources!))
        {
            var text = File.ReadAllText(Path.Combine(NeedsSharedSeedsFactAttribute.Folder!, source.Reference!));
            Assert.Contains(source.Evidence!, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_channel_of_a_development_is_named_by_one_of_its_evidence_quotes()
    {
        foreach (var draft in SeedTimeline.Read(SeedPath))
        {
            foreach (var channel in draft.Channels!)
            {
                Assert.True(LevelNames.TryGetValue(channel, out var names), $"No level names for channel '{channel}'.");
                Assert.True(draft.Sources!.Any(s => names!.IsMatch(s.Evidence ?? "")),
                    $"'{draft.Summary}' bears on {channel}, but none of its quotes names that level.");
            }
        }
    }

    [Fact]
    public void One_event_is_one_development_so_no_two_share_kind_channel_and_period()
    {
        var facts = Facts();
        var clashes = new List<string>();
        for (var i = 0; i < facts.Count; i++)
        {
            for (var j = i + 1; j < facts.Count; j++)
            {
                if (MayBeSameEvent(facts[i], facts[j]))
                {
                    clashes.Add($"developments[{i}] and [{j}]: {facts[i].Kind}, "
                        + $"{facts[i].OccurredOn} and {facts[j].OccurredOn}");
                }
            }
        }
        Assert.Empty(clashes);
    }

    /// <summary>The possible-duplicate rule: same kind (not context), a shared channel, periods that overlap.</summary>
    private static bool MayBeSameEvent(DevelopmentFacts a, DevelopmentFacts b) =>
        a.Kind == b.Kind && a.Kind != DevelopmentKind.Context
        && a.Channels.Intersect(b.Channels).Any()
        && a.OccurredOn.Start <= b.OccurredOn.End && b.OccurredOn.Start <= a.OccurredOn.End;

    private static (DevelopmentFacts? Facts, IReadOnlyList<FieldError> Errors) Validate(DevelopmentDraft draft) =>
        DevelopmentValidation.Validate(draft, new ChannelCatalog(ChannelCatalog.Defaults), Today);

    private static List<DevelopmentFacts> Facts() =>
        SeedTimeline.Read(SeedPath)
            .Select(d => Validate(d).Facts ?? throw new InvalidDataException($"Invalid seed: '{d.Summary}'."))
            .ToList();

    private static Regex Level(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
