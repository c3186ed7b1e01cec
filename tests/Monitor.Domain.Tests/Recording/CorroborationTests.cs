using Monitor.Recording;

namespace Monitor.Tests.Recording;

/// <summary>How many independent publishers report a development: a syndicated copy counts as its original.</summary>
public class CorroborationTests
{
    private static readonly PartialDate Day = PartialDate.Of(2023, 11, 16);

    private static Source By(string publisher, string? url = null, string? syndicatedFrom = null) =>
        new("Talks held", publisher, url, Day, "the two sides held talks", SyndicatedFrom: syndicatedFrom);

    [Fact]
    public void One_source_is_one_publisher() => Assert.Equal(1, Corroboration.Count([By("Reuters")]));

    [Fact]
    public void Two_publishers_are_two() => Assert.Equal(2, Corroboration.Count([By("Reuters"), By("The Hill")]));

    [Fact]
    public void The_same_publisher_twice_is_one_however_it_is_written() =>
        Assert.Equal(1, Corroboration.Count([By("The Hill"), By("the  hill "), By("THE HILL")]));

    [Fact]
    public void A_copy_of_another_sources_url_counts_once_with_it()
    {
        var original = By("Reuters", "https://www.reuters.com/world/talks");
        var copy = By("Yahoo News", "https://news.yahoo.com/t", syndicatedFrom: "https://www.reuters.com/world/talks/");
        Assert.Equal(1, Corroboration.Count([original, copy]));
        Assert.Equal(1, Corroboration.Count([copy, original]));
    }

    [Fact]
    public void A_copy_naming_a_publisher_already_there_counts_once_with_it() =>
        Assert.Equal(1, Corroboration.Count([By("Associated Press"), By("MSN", syndicatedFrom: "associated  Press")]));

    [Fact]
    public void Copies_of_an_original_that_is_not_among_the_sources_count_as_the_original_once()
    {
        const string original = "https://www.reuters.com/world/talks";
        Assert.Equal(1, Corroboration.Count([By("Yahoo News", syndicatedFrom: original)]));
        Assert.Equal(1, Corroboration.Count([By("Yahoo", null, original), By("MSN", null, original)]));
        Assert.Equal(2, Corroboration.Count([By("Yahoo News", syndicatedFrom: original), By("The Hill")]));
    }

    [Fact]
    public void Copies_naming_the_same_original_publisher_count_once() =>
        Assert.Equal(1, Corroboration.Count([By("Yahoo", null, "Reuters"), By("MSN", null, "reuters")]));

    [Fact]
    public void No_source_is_no_corroboration() => Assert.Equal(0, Corroboration.Count([]));

    [Fact]
    public void A_copy_of_a_page_on_a_site_among_the_sources_counts_as_that_sites_publisher()
    {
        var original = By("Reuters", "https://www.reuters.com/world/talks");
        Assert.Equal(1, Corroboration.Count([original, By("Yahoo", null, "https://reuters.com/world/talks")]));
        Assert.Equal(1, Corroboration.Count([original, By("Yahoo", null, "https://www.reuters.com/world/other")]));
    }

    [Fact]
    public void Folding_at_once_gives_what_folding_a_character_at_a_time_gives()
    {
        // Every ASCII character between two letters, then random texts of ASCII words, runs of every kind of space,
        // and characters whose case or spacing only Unicode knows.
        var texts = Enumerable.Range(0, 128).Select(c => $"Ab{(char)c}Cd").ToList();
        const string alphabet = "aZ9 -'\t\n\v\f\r\u001c\u001f\u007fÉéİıΣ\u00a0\u0085\u2003\u3000";
        var random = new Random(9);
        for (var i = 0; i < 5_000; i++)
            texts.Add(new string(Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(random.Next(2) == 0 ? 4 : alphabet.Length)]).ToArray()));

        foreach (var text in texts)
        {
            var (atOnce, eachChar) = (new char[text.Length], new char[text.Length]);
            var length = Corroboration.FoldEach(text, eachChar);
            Assert.Equal(new string(eachChar, 0, length), new string(atOnce, 0, Corroboration.Fold(text, atOnce)));
        }
    }
}
