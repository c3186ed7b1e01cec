using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Tests.Status;

/// <summary>A plan to meet is overdue once its date has passed with no contact held since the plan was made.</summary>
public class PlansTests
{
    private readonly History _history = new();

    /// <summary>Made on 20 January 2024 for a meeting in March.</summary>
    private DatedDevelopment PlanMadeOn20January(string kind = "contact-planned", string plannedFor = "2024-03") =>
        _history.Record(kind, "2024-01-20", "2024-01-21", plannedFor);

    private bool IsOverdue(DatedDevelopment plan, string? plannedFor, string day) =>
        Plans.IsOverdue(plannedFor is null ? null : Period.Parse(plannedFor), plan,
            _history.Recorded.Where(d => d.Kind == DevelopmentKind.ContactHeld), DateOnly.Parse(day));

    [Theory]
    [InlineData("contact-planned")]
    [InlineData("restoration-agreed")]
    public void A_plan_for_March_with_no_contact_since_is_overdue_from_1_April(string kind)
    {
        var plan = PlanMadeOn20January(kind);
        Assert.False(IsOverdue(plan, "2024-03", "2024-03-31"));
        Assert.True(IsOverdue(plan, "2024-03", "2024-04-01"));
    }

    [Fact]
    public void A_contact_held_before_the_plan_was_made_does_not_fulfil_it()
    {
        _history.Record("contact-held", "2023-11-15", "2023-11-16");
        var plan = PlanMadeOn20January();
        Assert.True(IsOverdue(plan, "2024-03", "2024-04-01"));
    }

    [Fact]
    public void A_contact_held_since_the_plan_was_made_fulfils_it_once_certain()
    {
        var plan = PlanMadeOn20January();
        _history.Record("contact-held", "2024-04-08/2024-04-10", "2024-04-11");
        Assert.True(IsOverdue(plan, "2024-03", "2024-04-09"));
        Assert.False(IsOverdue(plan, "2024-03", "2024-04-10"));
    }

    [Fact]
    public void A_contact_in_March_reported_in_April_fulfils_it_from_the_end_of_March()
    {
        var plan = PlanMadeOn20January();
        _history.Record("contact-held", "2024-03", "2024-04-02");
        Assert.False(IsOverdue(plan, "2024-03", "2024-04-01"));
    }

    [Fact]
    public void A_contact_held_on_the_day_the_plan_was_made_fulfils_it()
    {
        var plan = PlanMadeOn20January();
        _history.Record("contact-held", "2024-01-20", "2024-01-21");
        Assert.False(IsOverdue(plan, "2024-03", "2024-04-01"));
    }

    [Fact]
    public void A_plan_with_no_date_is_never_overdue() =>
        Assert.False(IsOverdue(_history.Record("contact-planned", "2024-01-20", "2024-01-21"), null, "2030-01-01"));

    [Fact]
    public void A_plan_with_an_open_ended_date_is_never_overdue() =>
        Assert.False(IsOverdue(PlanMadeOn20January(plannedFor: "2024-03/.."), "2024-03/..", "2030-01-01"));

    [Fact]
    public void A_plan_by_a_date_is_overdue_after_it() =>
        Assert.True(IsOverdue(PlanMadeOn20January(plannedFor: "../2024-03"), "../2024-03", "2024-04-01"));

    [Fact]
    public void A_contact_known_only_to_have_been_held_by_a_date_after_the_plan_fulfils_it()
    {
        var plan = PlanMadeOn20January();
        _history.Record("contact-held", "../2024-04", "2024-04-10");
        Assert.False(IsOverdue(plan, "2024-03", "2024-04-10"));
    }
}
