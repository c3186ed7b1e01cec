using Monitor.Recording;
using static Monitor.Tests.Drafts;

namespace Monitor.Tests.Recording;

/// <summary>What validation accepts of dates, plans and sources, and which field it names when it refuses.</summary>
public class ValidationTests
{
    private static readonly DateOnly FirstOfDecember2024 = new(2024, 12, 1);

    private static DevelopmentDraft Plan(string kind, string plannedFor) =>
        Of(kind, "2023-11-15", "2023-11-16") with { PlannedFor = plannedFor };

    private static DevelopmentDraft WithSource(string occurredOn, SourceDraft source) =>
        Of("contact-held", occurredOn) with { Sources = [source] };

    private static SourceDraft Report(string publishedOn, string? url = null, string? syndicatedFrom = null) =>
        new("Talks held", "Reuters", url, publishedOn, "the two sides held talks", SyndicatedFrom: syndicatedFrom);

    [Theory]
    [InlineData("contact-planned")]
    [InlineData("restoration-agreed")]
    public void A_plan_or_an_agreement_may_say_when_the_meeting_is_to_happen(string kind) =>
        Assert.Equal(Period.Parse("2024-03"), Valid(Plan(kind, "2024-03")).PlannedFor);

    [Theory]
    [InlineData("suspended")]
    [InlineData("restoration-requested")]
    [InlineData("contact-requested")]
    [InlineData("declined")]
    [InlineData("contact-held")]
    [InlineData("context")]
    public void Only_a_plan_or_an_agreement_has_a_planned_for_date(string kind) =>
        Assert.Equal(["plannedFor"], FieldsWrongIn(Plan(kind, "2024-03")));

    [Fact]
    public void Without_a_planned_for_date_a_plan_has_none() =>
        Assert.Null(Valid(Of("contact-planned", "2023-11-15", "2023-11-16")).PlannedFor);

    [Theory]
    [InlineData("2024-03/2024-04")]
    [InlineData("2024-03/..")]
    [InlineData("../2024-03")]
    [InlineData("2023-11-15")]
    [InlineData("2023-11")]
    [InlineData("2027")]
    public void A_planned_for_date_is_any_period_that_does_not_end_before_the_plan_was_made(string plannedFor) =>
        Assert.Equal(plannedFor, Valid(Plan("contact-planned", plannedFor)).PlannedFor.ToString());

    [Theory]
    [InlineData("2023-11-14")]
    [InlineData("2023-10")]
    [InlineData("../2023-11-14")]
    [InlineData("2022")]
    public void A_planned_for_date_ending_before_the_plan_was_made_is_refused(string plannedFor) =>
        Assert.Equal(["plannedFor"], FieldsWrongIn(Plan("contact-planned", plannedFor)));

    [Theory]
    [InlineData("next spring")]
    [InlineData("2024-03/2024-01")]
    public void A_planned_for_date_that_is_not_a_period_is_refused(string plannedFor) =>
        Assert.Equal(["plannedFor"], FieldsWrongIn(Plan("restoration-agreed", plannedFor)));

    [Theory]
    [InlineData("2023-11-15", "2023-11-14")]
    [InlineData("2023-11-15", "2023-10")]
    [InlineData("2023-09/2023-12", "2023-08-31")]
    [InlineData("2025-10-31/..", "2025-10-30")]
    public void A_source_published_before_the_development_began_is_refused(string occurredOn, string publishedOn) =>
        Assert.Equal(["sources[0].publishedOn"], FieldsWrongIn(WithSource(occurredOn, Report(publishedOn))));

    [Theory]
    [InlineData("2023-11-15", "2023-11-15")]
    [InlineData("2023-11-15", "2023-11")]
    [InlineData("2023-11-15", "2023")]
    [InlineData("2023-09/2023-12", "2023-09-01")]
    [InlineData("../2024-04", "2020")]
    public void A_source_published_once_the_development_may_have_begun_is_accepted(
        string occurredOn, string publishedOn) =>
        Assert.Empty(FieldsWrongIn(WithSource(occurredOn, Report(publishedOn))));

    [Fact]
    public void Each_source_is_checked_against_the_period()
    {
        var draft = WithSource("2023-11-15", Report("2023-11-16")) with
        {
            Sources = [Report("2023-11-16"), Report("2023-11-14") with { Title = "Earlier" }],
        };
        Assert.Equal(["sources[1].publishedOn"], FieldsWrongIn(draft));
    }

    [Theory]
    [InlineData("2024-12-02/2024-12-05")]
    [InlineData("2024-12-02/..")]
    [InlineData("2025/..")]
    public void An_interval_that_begins_in_the_future_is_refused(string occurredOn) =>
        Assert.Equal(["occurredOn"], FieldsWrongIn(WithSource(occurredOn, Report("2024-12-01")), FirstOfDecember2024));

    [Theory]
    [InlineData("2024-12-01/..")]
    [InlineData("2024-11-28/2024-12-05")]
    [InlineData("2024-12")]
    public void An_interval_that_begins_by_today_is_accepted_though_it_may_end_later(string occurredOn) =>
        Assert.Empty(FieldsWrongIn(WithSource(occurredOn, Report("2024-12-01")), FirstOfDecember2024));

    [Theory]
    [InlineData("2023-09/2023-12")]
    [InlineData("2023-11-13/2023-11-15")]
    [InlineData("2023-11/2024-01-05")]
    [InlineData("2023/2024")]
    [InlineData("2023-11-01/..")]
    [InlineData("../2023-11")]
    public void Every_interval_form_is_accepted_as_when_it_happened(string occurredOn) =>
        Assert.Equal(Period.Parse(occurredOn), Valid(WithSource(occurredOn, Report("2024-01-10"))).OccurredOn);

    [Theory]
    [InlineData("2023-11-15/2023-11-01")]
    [InlineData("../..")]
    [InlineData("2023/")]
    public void An_interval_that_is_not_a_period_is_refused(string occurredOn) =>
        Assert.Equal(["occurredOn"], FieldsWrongIn(WithSource(occurredOn, Report("2024-01-10"))));

    [Theory]
    [InlineData("https://example.org/talks")]
    [InlineData("HTTPS://EXAMPLE.ORG/talks/")]
    public void A_source_syndicated_from_its_own_url_is_refused(string syndicatedFrom) =>
        Assert.Equal(["sources[0].syndicatedFrom"], FieldsWrongIn(
            WithSource("2023-11-15", Report("2023-11-16", "https://example.org/talks", syndicatedFrom))));

    [Theory]
    [InlineData("https://www.reuters.com/world/talks")]
    [InlineData("Reuters")]
    public void A_source_syndicated_from_another_url_or_a_publisher_is_accepted(string syndicatedFrom)
    {
        var facts = Valid(WithSource("2023-11-15", Report("2023-11-16", "https://example.org/talks", syndicatedFrom)));
        Assert.Equal(syndicatedFrom, facts.Sources[0].SyndicatedFrom);
    }
    [Theory]
    [InlineData("summary", "Talks held.\u001b[2J")]
    [InlineData("actors[0]", "Adm. \u202EoraP")]
    [InlineData("sources[0].title", "Talks\nforged row")]
    [InlineData("sources[0].publisher", "Reu\u200Bters")]
    [InlineData("sources[0].evidence", "held \u0000talks")]
    [InlineData("sources[0].url", "https://example.org/a\u2066b")]
    [InlineData("sources[0].reference", "p.\u009b 3")]
    [InlineData("sources[0].syndicatedFrom", "\uFEFFReuters")]
    public void A_control_bidi_or_invisible_character_is_refused_in_every_text_field_naming_it(string field, string text)
    {
        var errors = DevelopmentValidation.Validate(WithText(field, text), Catalog, Today).Errors;
        Assert.Equal([field], errors.Select(e => e.Field).Distinct());
        Assert.Contains("U+", errors[0].Message);
    }

    [Fact]
    public void A_summary_may_run_over_lines() =>
        Assert.Equal("First.\n\tSecond.", Valid(Of("context", "2023", "2023") with { Summary = "First.\n\tSecond." }).Summary);

    [Fact]
    public void A_refused_input_is_quoted_short_and_visible()
    {
        var errors = DevelopmentValidation.Validate(Of("context", "2023", "2023") with { Channels = ["\u001b[2J" + new string('x', 5_000)] },
            Catalog, Today).Errors;
        var message = Assert.Single(errors).Message;
        Assert.DoesNotContain('\u001b', message);
        Assert.True(message.Length < 300, message);
    }

    private static DevelopmentDraft WithText(string field, string text)
    {
        var draft = Of("contact-held", "2023-11-15", "2023-11-16");
        var source = draft.Sources![0] with { Url = "https://example.org/talks" };
        return field switch
        {
            "summary" => draft with { Summary = text },
            "actors[0]" => draft with { Actors = [text] },
            _ => draft with
            {
                Sources = [field switch
                {
                    "sources[0].title" => source with { Title = text },
                    "sources[0].publisher" => source with { Publisher = text },
                    "sources[0].evidence" => source with { Evidence = text },
                    "sources[0].url" => source with { Url = text },
                    "sources[0].reference" => source with { Reference = text },
                    _ => source with { SyndicatedFrom = text },
                }],
            },
        };
    }
}
