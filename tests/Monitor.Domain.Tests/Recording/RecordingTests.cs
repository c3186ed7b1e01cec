using Monitor.Channels;
using Monitor.Recording;

namespace Monitor.Tests.Recording;

/// <summary>Given what is recorded, when an analyst records, corrects or retracts, then the ledger decides.</summary>
public class RecordingTests
{
    private static readonly ChannelCatalog Catalog = new(ChannelCatalog.Defaults);
    private static readonly DateOnly Today = new(2024, 12, 1);

    private static DevelopmentDraft Draft(
        string kind = "contact-held", string occurredOn = "2024-01-09", string? url = null,
        string publishedOn = "2024-01-10") => new(
        ["military"], kind, occurredOn, "Defense policy talks held at the Pentagon.", ["Michael Chase"],
        [new SourceDraft("China tells US it will never compromise on Taiwan", "The Hill", url, publishedOn,
            "officials held military talks this week")]);

    private static DevelopmentFacts Facts(DevelopmentDraft draft) =>
        DevelopmentValidation.Validate(draft, Catalog, Today).Facts ?? throw new InvalidOperationException("draft is invalid");

    private static IReadOnlyList<string> FieldsWrongIn(DevelopmentDraft draft) =>
        DevelopmentValidation.Validate(draft, Catalog, Today).Errors.Select(e => e.Field).ToList();

    [Fact]
    public void A_complete_draft_becomes_facts()
    {
        var facts = Facts(Draft());
        Assert.Equal(DevelopmentKind.ContactHeld, facts.Kind);
        Assert.Equal("2024-01-09", facts.OccurredOn.ToString());
        Assert.Equal("The Hill", facts.Sources[0].Publisher);
    }

    [Fact]
    public void Each_wrong_field_is_named()
    {
        Assert.Equal(["channels[1]"], FieldsWrongIn(Draft() with { Channels = ["military", "navy"] }));
        Assert.Equal(["channels"], FieldsWrongIn(Draft() with { Channels = [] }));
        Assert.Equal(["channels"], FieldsWrongIn(Draft() with { Channels = ["military", "military"] }));
        Assert.Equal(["kind"], FieldsWrongIn(Draft(kind: "resumed")));
        Assert.Equal(["occurredOn"], FieldsWrongIn(Draft(occurredOn: "2023-02-30")));
        Assert.Equal(["occurredOn"], FieldsWrongIn(Draft(occurredOn: "2025-01")));
        Assert.Equal(["summary"], FieldsWrongIn(Draft() with { Summary = "  " }));
        Assert.Equal(["sources"], FieldsWrongIn(Draft() with { Sources = [] }));
        Assert.Equal(["sources[0].url"], FieldsWrongIn(Draft(url: "ftp://example.org/x")));
        Assert.Equal(["sources[0].title", "sources[0].evidence"], FieldsWrongIn(Draft() with
        {
            Sources = [new SourceDraft("", "The Hill", null, "2024-01-10", null)],
        }));
    }

    [Fact]
    public void The_current_month_is_not_in_the_future() =>
        Assert.Empty(FieldsWrongIn(Draft(occurredOn: "2024-12", publishedOn: "2024-12-01")));

    [Fact]
    public void Same_channels_kind_date_and_publisher_and_title_is_a_duplicate()
    {
        var first = Guid.NewGuid();
        var known = new Known().With(first, Facts(Draft()));
        var decision = Ledger.Record(Guid.NewGuid(), Facts(Draft() with { Summary = "Reworded." }), [], known);
        Assert.Equal(new Decision.Duplicate(first), decision);
    }

    [Fact]
    public void Same_url_is_a_duplicate_even_under_another_title()
    {
        var first = Guid.NewGuid();
        var known = new Known().With(first, Facts(Draft(url: "https://example.org/talks")));
        var other = Draft(url: "https://example.org/talks/") with
        {
            Sources = [new SourceDraft("Other headline", "Other paper", "https://example.org/talks/", "2024-01-10", "quote")],
        };
        Assert.IsType<Decision.Duplicate>(Ledger.Record(Guid.NewGuid(), Facts(other), [], known));
    }

    [Fact]
    public void Another_date_or_kind_is_not_a_duplicate()
    {
        var known = new Known().With(Guid.NewGuid(), Facts(Draft()));
        Assert.IsType<Decision.Accepted>(Ledger.Record(Guid.NewGuid(), Facts(Draft(occurredOn: "2024-01-08")), [], known));
        Assert.IsType<Decision.Accepted>(Ledger.Record(Guid.NewGuid(), Facts(Draft(kind: "contact-planned")), [], known));
    }

    [Fact]
    public void Retraction_needs_a_reason_and_a_live_development()
    {
        var id = Guid.NewGuid();
        var known = new Known().With(id, Facts(Draft()));
        Assert.IsType<Decision.Invalid>(Ledger.Retract(id, " ", known));
        Assert.IsType<Decision.NotFound>(Ledger.Retract(Guid.NewGuid(), "wrong", known));
        var accepted = Assert.IsType<Decision.Accepted>(Ledger.Retract(id, "Misread the date.", known));
        Assert.Equal(new LedgerEvent.DevelopmentRetracted(id, "Misread the date."), accepted.Event);
        known.Retracted.Add(id);
        Assert.IsType<Decision.Conflict>(Ledger.Retract(id, "again", known));
    }

    [Fact]
    public void A_correction_may_keep_its_own_keys_but_not_take_another_developments()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var known = new Known().With(a, Facts(Draft())).With(b, Facts(Draft(occurredOn: "2024-01-08")));
        Assert.IsType<Decision.Accepted>(Ledger.Correct(a, Facts(Draft() with { Summary = "Better." }), "typo", known));
        Assert.Equal(new Decision.Duplicate(b), Ledger.Correct(a, Facts(Draft(occurredOn: "2024-01-08")), "date", known));
    }
    [Fact]
    public void A_reason_is_prose_it_may_run_over_lines_but_carries_no_control_or_bidi_character()
    {
        var id = Guid.NewGuid();
        var known = new Known().With(id, Facts(Draft()));
        Assert.IsType<Decision.Accepted>(Ledger.Retract(id, "Misread the date.\nSee the correction.", known));
        foreach (var reason in new[] { "Misread\u001b[2J", "Misread \u202Eetad" })
        {
            Assert.Equal("reason", Assert.Single(Assert.IsType<Decision.Invalid>(Ledger.Retract(id, reason, known)).Errors).Field);
            Assert.Equal("reason", Assert.Single(Assert.IsType<Decision.Invalid>(Ledger.Correct(id, Facts(Draft()), reason, known)).Errors).Field);
        }
    }
}
