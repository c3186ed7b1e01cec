using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Tests.Status;

/// <summary>
/// A development is certain by the earlier of the last day of its period and the (last possible) day its
/// earliest report was published: a report cannot describe what had not yet happened.
/// </summary>
public class CertaintyTests
{
    private static DateOnly CertainBy(string occurredOn, params string[] publishedOn) =>
        Certainty.CertainBy(Drafts.Valid(Drafts.Of("contact-held", occurredOn, publishedOn)));

    [Theory]
    [InlineData("2023-11-15", "2023-11-16", "2023-11-15")]
    [InlineData("2023-11-15", "2023-11-15", "2023-11-15")]
    [InlineData("2024-04", "2024-05-02", "2024-04-30")]
    [InlineData("2023-09/2023-12", "2024-01-10", "2023-12-31")]
    public void A_development_reported_after_its_period_is_certain_by_the_periods_last_day(
        string occurredOn, string publishedOn, string certainBy) =>
        Assert.Equal(DateOnly.Parse(certainBy), CertainBy(occurredOn, publishedOn));

    [Theory]
    [InlineData("2024", "2024-06-15", "2024-06-15")]
    [InlineData("2024-11", "2024-11-29", "2024-11-29")]
    [InlineData("2025-10-31/..", "2025-11-05", "2025-11-05")]
    [InlineData("../2024-04", "2024-04-10", "2024-04-10")]
    public void A_development_reported_within_its_period_is_certain_by_the_publication_date(
        string occurredOn, string publishedOn, string certainBy) =>
        Assert.Equal(DateOnly.Parse(certainBy), CertainBy(occurredOn, publishedOn));

    [Theory]
    [InlineData("2024", "2024-06", "2024-06-30")]
    [InlineData("2024", "2024-02", "2024-02-29")]
    [InlineData("2023-09/..", "2024", "2024-12-31")]
    [InlineData("../2024-04", "2024", "2024-04-30")]
    public void A_publication_date_known_to_a_month_or_year_counts_its_last_day(
        string occurredOn, string publishedOn, string certainBy) =>
        Assert.Equal(DateOnly.Parse(certainBy), CertainBy(occurredOn, publishedOn));

    [Fact]
    public void The_earliest_report_bounds_it_whichever_source_came_first() =>
        Assert.Equal(new DateOnly(2024, 6, 10), CertainBy("2024", "2024-07", "2024-06-20", "2024-06-10"));

    [Fact]
    public void Of_two_reports_the_one_certainly_out_sooner_bounds_it() =>
        Assert.Equal(new DateOnly(2024, 6, 20), CertainBy("2024", "2024-06", "2024-06-20"));

    [Fact]
    public void A_dated_development_is_possible_from_its_periods_first_day_and_certain_by_its_bound()
    {
        var id = Guid.NewGuid();
        var dated = DatedDevelopment.Of(id, Drafts.Valid(Drafts.Of("declined", "2024-11", "2024-11-29")), 7);
        Assert.Equal(new DatedDevelopment(id, DevelopmentKind.Declined, new(2024, 11, 1), new(2024, 11, 29), 7), dated);
    }

    [Fact]
    public void An_open_start_is_possible_on_any_earlier_day()
    {
        var byApril = Drafts.Valid(Drafts.Of("contact-held", "../2024-04", "2024-04-10"));
        Assert.Equal(DateOnly.MinValue, DatedDevelopment.Of(Guid.NewGuid(), byApril, 1).PossibleFrom);
    }
}
