using Monitor.Recording;
using static Monitor.Tests.Drafts;

namespace Monitor.Tests.Recording;

/// <summary>
/// Given what is recorded, when an analyst records a development or adds a source, then the ledger decides:
/// the same report is a duplicate; possibly the same event needs the analyst's word that it is another.
/// </summary>
public class LedgerTests
{
    private static readonly Guid Held = Guid.NewGuid();

    private static DevelopmentFacts Facts(
        string kind = "contact-held", string occurredOn = "2024-01-09",
        string publisher = "The Hill", string publishedOn = "2024-01-10") =>
        Valid(new DevelopmentDraft(["military"], kind, occurredOn, "Defense policy talks held at the Pentagon.", [],
            [new SourceDraft("Talks held at the Pentagon", publisher, null, publishedOn, "officials held talks")]));

    /// <summary>Another outlet's report, so only the event, never the report, can be the same.</summary>
    private static DevelopmentFacts Reuters(
        string kind = "contact-held", string occurredOn = "2024-01", params string[] channels) =>
        Facts(kind, occurredOn, "Reuters", "2024-03-01") with
        {
            Channels = channels.Length > 0 ? channels : ["military"],
        };

    private static Known HeldOn9January() => new Known().With(Held, Facts());

    private static Decision Record(DevelopmentFacts facts, Known known, params Guid[] distinctFrom) =>
        Ledger.Record(Guid.NewGuid(), facts, distinctFrom, known);

    [Fact]
    public void A_live_development_of_the_same_kind_sharing_a_channel_and_overlapping_may_be_the_same_event() =>
        Assert.Equal([Held], Assert.IsType<Decision.PossibleDuplicate>(
            Record(Reuters("contact-held", "2024-01", "defense-minister", "military"), HeldOn9January())).Candidates);

    [Theory]
    [InlineData("contact-held", "2024-02", "military")]
    [InlineData("contact-held", "2024-01-10/..", "military")]
    [InlineData("declined", "2024-01", "military")]
    [InlineData("contact-held", "2024-01", "theater-commander")]
    public void Another_kind_channel_or_period_is_another_event(string kind, string occurredOn, string channel) =>
        Assert.IsType<Decision.Accepted>(Record(Reuters(kind, occurredOn, channel), HeldOn9January()));

    [Fact]
    public void Background_is_never_a_possible_duplicate()
    {
        var known = new Known().With(Held, Facts("context", "2024"));
        Assert.IsType<Decision.Accepted>(Record(Reuters("context", "2024-01"), known));
    }

    [Fact]
    public void A_retracted_development_is_no_candidate()
    {
        var known = new Known().WithRetracted(Held, Facts());
        Assert.IsType<Decision.Accepted>(Record(Reuters(), known));
    }

    [Fact]
    public void Naming_every_candidate_as_distinct_records_the_development()
    {
        var facts = Reuters();
        var id = Guid.NewGuid();
        var accepted = Assert.IsType<Decision.Accepted>(Ledger.Record(id, facts, [Held], HeldOn9January()));
        Assert.Equal(new LedgerEvent.DevelopmentRecorded(id, facts), accepted.Event);
    }

    [Fact]
    public void Naming_some_candidates_as_distinct_leaves_the_others_to_confirm()
    {
        var other = Guid.NewGuid();
        var known = HeldOn9January().With(other, Facts("contact-held", "2024-01-05/2024-01-12", publisher: "AP"));
        var candidates = Assert.IsType<Decision.PossibleDuplicate>(Record(Reuters(), known)).Candidates;
        Assert.Equal(new[] { Held, other }.Order(), candidates.Order());
        Assert.Equal([other], Assert.IsType<Decision.PossibleDuplicate>(Record(Reuters(), known, Held)).Candidates);
        Assert.Equal([Held], Assert.IsType<Decision.PossibleDuplicate>(Record(Reuters(), known, other)).Candidates);
    }

    [Fact]
    public void The_same_report_is_a_duplicate_even_when_named_distinct()
    {
        var reworded = Facts() with { Summary = "Reworded." };
        Assert.Equal(new Decision.Duplicate(Held), Record(reworded, HeldOn9January(), Held));
    }

    [Theory]
    [InlineData(new[] { "theater-commander", "military", "defense-ministers" }, true)]
    [InlineData(new[] { "defense-ministers", "theater-commander", "military" }, true)]
    [InlineData(new[] { "military", "theater-commander" }, false)]
    public void Three_channels_in_any_order_are_the_same_channels(string[] channels, bool duplicate)
    {
        var recorded = Facts() with { Channels = ["military", "defense-ministers", "theater-commander"] };
        var decision = Ledger.Record(Guid.NewGuid(), recorded with { Channels = channels }, [Held], new Known().With(Held, recorded));
        Assert.Equal(duplicate, decision is Decision.Duplicate);
    }

    /// <summary>The same report: channels in any order, the same kind and period, and a source alike up to case, spaces and a trailing slash.</summary>
    [Theory]
    [InlineData("the same facts", true)]
    [InlineData("channels listed the other way round", true)]
    [InlineData("publisher and title in other case and spacing", true)]
    [InlineData("the same url in other case, with a trailing slash, under another title", true)]
    [InlineData("another title", false)]
    [InlineData("the period only to the month", false)]
    [InlineData("an interval starting that day", false)]
    [InlineData("another kind", false)]
    [InlineData("one channel fewer", false)]
    public void The_same_report_is_told_by_its_channels_kind_period_and_a_source(string change, bool duplicate)
    {
        var recorded = Facts() with
        {
            Channels = ["military", "defense-ministers"],
            Sources = [Facts().Sources[0] with { Url = "https://thehill.com/talks" }],
        };
        var source = recorded.Sources[0] with { Url = null };
        var candidate = change switch
        {
            "the same facts" => recorded,
            "channels listed the other way round" => recorded with { Channels = ["defense-ministers", "military"] },
            "publisher and title in other case and spacing" =>
                recorded with { Sources = [source with { Publisher = "the  HILL", Title = " talks held at  the pentagon " }] },
            "the same url in other case, with a trailing slash, under another title" =>
                recorded with { Sources = [source with { Url = "HTTPS://TheHill.com/talks/", Title = "Another title" }] },
            "another title" => recorded with { Sources = [source with { Title = "Another title" }] },
            "the period only to the month" => recorded with { OccurredOn = Period.Parse("2024-01") },
            "an interval starting that day" => recorded with { OccurredOn = Period.Parse("2024-01-09/2024-01-10") },
            "another kind" => recorded with { Kind = DevelopmentKind.ContactPlanned },
            "one channel fewer" => recorded with { Channels = ["military"] },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        var decision = Ledger.Record(Guid.NewGuid(), candidate, [Held], new Known().With(Held, recorded));
        Assert.Equal(duplicate, decision is Decision.Duplicate);
    }

    [Fact]
    public void A_source_for_no_such_development_is_not_found()
    {
        var missing = Guid.NewGuid();
        Assert.Equal(new Decision.NotFound(missing), Ledger.AddSource(missing, Reuters().Sources[0], HeldOn9January()));
    }

    [Fact]
    public void A_source_for_a_retracted_development_conflicts()
    {
        var known = new Known().WithRetracted(Held, Facts());
        Assert.IsType<Decision.Conflict>(Ledger.AddSource(Held, Reuters().Sources[0], known));
    }

    [Fact]
    public void A_source_already_there_conflicts()
    {
        var there = Facts().Sources[0];
        var known = HeldOn9January();
        Assert.IsType<Decision.Conflict>(Ledger.AddSource(Held, there, known));
        Assert.IsType<Decision.Conflict>(Ledger.AddSource(Held, there with
        {
            Publisher = "the  hill",
            Title = "TALKS HELD AT THE PENTAGON",
            Url = "https://thehill.com/x",
            Evidence = "other",
        }, known));
    }

    [Fact]
    public void A_source_with_a_url_already_there_conflicts_under_any_title()
    {
        var withUrl = Facts() with { Sources = [Facts().Sources[0] with { Url = "https://thehill.com/x" }] };
        var known = new Known().With(Held, withUrl);
        var sameUrl = Reuters().Sources[0] with { Url = "HTTPS://THEHILL.COM/x/" };
        Assert.IsType<Decision.Conflict>(Ledger.AddSource(Held, sameUrl, known));
    }

    [Fact]
    public void A_report_published_before_the_development_as_it_now_stands_is_refused()
    {
        // Drafted while the development was of 9 January; a correction has since moved it to February.
        var known = new Known().With(Held, Facts(occurredOn: "2024-02-10", publishedOn: "2024-02-11"));
        var drafted = Facts(publisher: "Reuters", publishedOn: "2024-01-10").Sources[0];

        var refused = Assert.IsType<Decision.Invalid>(Ledger.AddSource(Held, drafted, known));

        Assert.Equal("source.publishedOn", Assert.Single(refused.Errors).Field);
        Assert.IsType<Decision.Accepted>(Ledger.AddSource(Held, drafted, HeldOn9January()));
    }

    [Fact]
    public void A_new_report_of_a_live_development_is_added_as_a_source()
    {
        var report = Reuters().Sources[0];
        var accepted = Assert.IsType<Decision.Accepted>(Ledger.AddSource(Held, report, HeldOn9January()));
        Assert.Equal(new LedgerEvent.SourceAdded(Held, report), accepted.Event);
    }
}
