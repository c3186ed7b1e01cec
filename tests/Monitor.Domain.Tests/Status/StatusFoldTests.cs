using Monitor.Status;
using static Monitor.Status.ChannelStatus;

namespace Monitor.Tests.Status;

/// <summary>
/// Given a channel's developments, then its status on a day: the certain ones fold in the order they became
/// certain; the ones only possible by then say what the status possibly is.
/// </summary>
public class StatusFoldTests
{
    private readonly History _history = new();

    /// <summary>Suspended since August 2022, and restoration agreed on 15 Nov 2023: pending from then on.</summary>
    private DatedDevelopment PendingSinceNovember2023()
    {
        _history.Record("suspended", "2022-08", "2022-08-05");
        return _history.Record("restoration-agreed", "2023-11-15", "2023-11-16");
    }

    private static void Certainly(ChannelStatus status, StatusOnDate on)
    {
        Assert.Equal(status, on.Status);
        Assert.Null(on.Possibly);
        Assert.Empty(on.PossibleCauses);
    }

    private static void Possibly(ChannelStatus status, ChannelStatus possibly, Guid[] causes, StatusOnDate on)
    {
        Assert.Equal(status, on.Status);
        Assert.Equal(possibly, on.Possibly);
        Assert.Equal(causes, on.PossibleCauses);
    }

    [Fact]
    public void A_channel_with_no_development_is_unknown_with_no_cause()
    {
        var on = _history.On("2024-01-01");
        Certainly(Unknown, on);
        Assert.Null(on.Cause);
        Assert.Null(on.Latest);
    }

    [Fact]
    public void Late_2023_makes_a_channel_pending_possibly_from_September_and_certainly_from_31_December()
    {
        _history.Record("suspended", "2022-08", "2022-08-05");
        var lateIn2023 = _history.Record("restoration-agreed", "2023-09/2023-12", "2024-01-10");

        Certainly(Suspended, _history.On("2023-01-15"));
        Certainly(Suspended, _history.On("2023-08-31"));
        Possibly(Suspended, Pending, [lateIn2023.Id], _history.On("2023-09-01"));
        Possibly(Suspended, Pending, [lateIn2023.Id], _history.On("2023-12-30"));
        Certainly(Pending, _history.On("2023-12-31"));
        Assert.Equal(lateIn2023.Id, _history.On("2023-12-31").Cause);
    }

    [Fact]
    public void A_call_known_only_by_its_month_does_not_make_the_channel_active_before_the_month_ends()
    {
        var agreed = PendingSinceNovember2023();
        var aprilCall = _history.Record("contact-held", "2024-04", "2024-05-02");

        Certainly(Pending, _history.On("2024-03-31"));
        var midApril = _history.On("2024-04-15");
        Possibly(Pending, Active, [aprilCall.Id], midApril);
        Assert.Equal(agreed.Id, midApril.Cause);
        Possibly(Pending, Active, [aprilCall.Id], _history.On("2024-04-29"));
        Certainly(Active, _history.On("2024-04-30"));
        Assert.Equal(aprilCall.Id, _history.On("2024-04-30").Cause);
    }

    [Fact]
    public void A_November_refusal_first_reported_on_29_November_does_not_strain_the_channel_before_then()
    {
        _history.Record("contact-held", "2023-11-15", "2023-11-16");
        var refusal = _history.Record("declined", "2024-11", "2024-11-29");

        Certainly(Active, _history.On("2024-10-31"));
        Possibly(Active, Strained, [refusal.Id], _history.On("2024-11-20"));
        Possibly(Active, Strained, [refusal.Id], _history.On("2024-11-28"));
        Certainly(Strained, _history.On("2024-11-29"));
    }

    [Fact]
    public void Agreed_in_November_folds_after_asked_on_12_November_whatever_the_recording_order()
    {
        _history.Record("suspended", "2022-08", "2022-08-05");
        var agreedInNovember = _history.Record("restoration-agreed", "2023-11", "2023-11-30");
        var askedOn12November = _history.Record("contact-requested", "2023-11-12", "2023-11-13");

        var folded = _history.Recorded.ToList();
        folded.Sort(DatedDevelopment.FoldOrder);
        Assert.Equal([askedOn12November.Id, agreedInNovember.Id], folded.Skip(1).Select(d => d.Id));
        var on30November = _history.On("2023-11-30");
        Assert.Equal(agreedInNovember.Id, on30November.Latest);
        Assert.Equal(agreedInNovember.Id, on30November.Cause);
    }

    [Fact]
    public void An_April_call_recorded_after_a_May_refusal_folds_before_it()
    {
        PendingSinceNovember2023();
        var mayRefusal = _history.Record("declined", "2024-05", "2024-05-31");
        var aprilCall = _history.Record("contact-held", "2024-04", "2024-04-20");
        Assert.Equal(Active, StatusRules.Fold(_history.Recorded.Select(d => d.Kind)));

        Possibly(Pending, Active, [aprilCall.Id], _history.On("2024-04-19"));
        Certainly(Active, _history.On("2024-04-20"));
        Certainly(Active, _history.On("2024-04-25"));
        Possibly(Active, Strained, [mayRefusal.Id], _history.On("2024-05-10"));
        var final = _history.On("2025-01-01");
        Certainly(Strained, final);
        Assert.Equal(mayRefusal.Id, final.Cause);
        Assert.Equal(mayRefusal.Id, final.Latest);
    }

    [Fact]
    public void After_31_October_is_possible_from_31_October_and_certain_once_reported_on_5_November()
    {
        _history.Record("suspended", "2022-08", "2022-08-05");
        var talks = _history.Record("contact-held", "2025-10-31/..", "2025-11-05");

        Certainly(Suspended, _history.On("2025-10-30"));
        Possibly(Suspended, Active, [talks.Id], _history.On("2025-10-31"));
        Possibly(Suspended, Active, [talks.Id], _history.On("2025-11-04"));
        Certainly(Active, _history.On("2025-11-05"));
    }

    [Fact]
    public void By_April_is_certain_once_reported_on_10_April_and_possible_on_any_earlier_day()
    {
        _history.Record("suspended", "2022-08", "2022-08-05");
        var talks = _history.Record("contact-held", "../2024-04", "2024-04-10");

        Possibly(Unknown, Active, [talks.Id], _history.On("2000-01-01"));
        Possibly(Suspended, Active, [talks.Id], _history.On("2023-06-01"));
        Possibly(Suspended, Active, [talks.Id], _history.On("2024-04-09"));
        Certainly(Active, _history.On("2024-04-10"));
    }

    [Fact]
    public void A_development_known_to_the_day_is_certain_on_that_day_though_reported_later()
    {
        _history.Record("suspended", "2022-08", "2022-08-05");
        _history.Record("contact-held", "2023-11-15", "2023-11-20");

        Certainly(Suspended, _history.On("2023-11-14"));
        Certainly(Active, _history.On("2023-11-15"));
    }

    [Fact]
    public void A_development_known_to_the_year_and_reported_mid_year_is_certain_from_the_report()
    {
        _history.Record("suspended", "2022-08", "2022-08-05");
        var in2024 = _history.Record("contact-held", "2024", "2024-06-15");

        Certainly(Suspended, _history.On("2023-12-31"));
        Possibly(Suspended, Active, [in2024.Id], _history.On("2024-01-01"));
        Possibly(Suspended, Active, [in2024.Id], _history.On("2024-06-14"));
        Certainly(Active, _history.On("2024-06-15"));
    }

    [Fact]
    public void Certain_by_the_same_day_the_one_whose_period_starts_earlier_folds_first()
    {
        PendingSinceNovember2023();
        var lateMayTalks = _history.Record("contact-held", "2024-05-20/2024-05-31", "2024-06-02");
        _history.Record("declined", "2024-05", "2024-06-01");

        var endOfMay = _history.On("2024-05-31");
        Certainly(Active, endOfMay);
        Assert.Equal(lateMayTalks.Id, endOfMay.Latest);
    }

    [Theory]
    [InlineData(10, 20, Strained)]
    [InlineData(20, 10, Active)]
    public void Certain_by_the_same_day_from_the_same_start_the_one_recorded_first_folds_first(
        long callOrder, long refusalOrder, ChannelStatus then)
    {
        PendingSinceNovember2023();
        _history.Record("declined", "2024-05", "2024-06-10", refusalOrder);
        _history.Record("contact-held", "2024-05", "2024-06-03", callOrder);

        Certainly(then, _history.On("2024-05-31"));
    }

    [Theory]
    [InlineData(Unknown, "contact-requested")]
    [InlineData(Active, "contact-requested")]
    [InlineData(Strained, "contact-requested")]
    [InlineData(Pending, "contact-requested")]
    [InlineData(Suspended, "contact-requested")]
    [InlineData(Unknown, "restoration-requested")]
    [InlineData(Active, "restoration-requested")]
    [InlineData(Strained, "restoration-requested")]
    [InlineData(Pending, "restoration-requested")]
    [InlineData(Suspended, "restoration-requested")]
    [InlineData(Strained, "context")]
    [InlineData(Suspended, "context")]
    public void Outreach_and_background_change_nothing(ChannelStatus given, string kind)
    {
        var before = ChannelThatIs(given).On("2024-05-31");
        Assert.Equal(given, before.Status);
        var outreach = _history.Record(kind, "2024-06-01/2024-06-03", "2024-06-03");

        Certainly(given, _history.On("2024-06-02"));
        var after = _history.On("2024-06-03");
        Certainly(given, after);
        Assert.Equal(before.Cause, after.Cause);
        Assert.Equal(outreach.Id, after.Latest);
    }

    private History ChannelThatIs(ChannelStatus status)
    {
        if (status is Suspended or Pending or Active or Strained) _history.Record("suspended", "2022-08", "2022-08-05");
        if (status is Pending or Active or Strained) _history.Record("restoration-agreed", "2023-11-15", "2023-11-16");
        if (status is Active or Strained) _history.Record("contact-held", "2024-01-09", "2024-01-10");
        if (status is Strained) _history.Record("declined", "2024-03-05", "2024-03-05");
        return _history;
    }

    [Fact]
    public void Possibly_is_absent_when_the_uncertain_developments_would_leave_the_status_as_it_is()
    {
        ChannelThatIs(Active);
        _history.Record("declined", "2024-05-10/2024-05-20", "2024-05-25");
        var mayTalks = _history.Record("contact-held", "2024-05", "2024-06-02");

        Certainly(Active, _history.On("2024-05-15"));
        Possibly(Strained, Active, [mayTalks.Id], _history.On("2024-05-20"));
    }

    [Fact]
    public void Possibly_names_only_the_uncertain_developments_that_would_move_the_status()
    {
        ChannelThatIs(Pending);
        _history.Record("contact-requested", "2024-05-10/2024-05-20", "2024-05-25");
        _history.Record("restoration-agreed", "2024-05-10/2024-05-22", "2024-05-25");
        var talks = _history.Record("contact-held", "2024-05", "2024-06-02");
        var refusal = _history.Record("declined", "2024-05-12/..", "2024-06-05");
        _history.Record("context", "2024-05", "2024-06-07");

        Possibly(Pending, Strained, [talks.Id, refusal.Id], _history.On("2024-05-15"));
    }

    [Fact]
    public void Possibly_does_not_count_what_has_not_begun_by_then()
    {
        ChannelThatIs(Pending);
        _history.Record("contact-held", "2024-06", "2024-07-02");

        Certainly(Pending, _history.On("2024-05-31"));
    }
}
