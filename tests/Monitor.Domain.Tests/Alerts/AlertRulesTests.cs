using Monitor.Alerts;
using Monitor.Recording;
using static Monitor.Status.ChannelStatus;

namespace Monitor.Tests.Alerts;

/// <summary>When each alert is due: given the state, when time passes or the timeline changes, then which alert.</summary>
public class AlertRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 31);

    [Fact]
    public void A_new_current_status_is_a_status_change_whatever_else_changed()
    {
        Assert.Equal(AlertKind.StatusChanged, AlertRules.ForChange(Active, Suspended, pastRewritten: false));
        Assert.Equal(AlertKind.StatusChanged, AlertRules.ForChange(Active, Suspended, pastRewritten: true));
    }

    [Fact]
    public void Rewritten_past_under_the_same_current_status_is_a_history_revision_and_otherwise_nothing()
    {
        Assert.Equal(AlertKind.HistoryRevised, AlertRules.ForChange(Suspended, Suspended, pastRewritten: true));
        Assert.Null(AlertRules.ForChange(Suspended, Suspended, pastRewritten: false));
    }

    [Theory]
    [InlineData("2026-03-01", 30, 30)]    // exactly 30 days
    [InlineData("2026-03-02", 30, null)]  // 29 days
    [InlineData("2026-02", 30, 31)]       // a month counts from its last day, when it was certain
    [InlineData("2025", 90, 90)]
    public void A_channel_is_quiet_once_its_latest_development_is_old_enough(string latest, int afterDays, int? expected) =>
        Assert.Equal(expected, AlertRules.QuietFor(Date(latest).End, Today, afterDays));

    [Fact]
    public void Only_a_pending_status_can_be_overdue()
    {
        Assert.Equal(40, AlertRules.PendingFor(Pending, Date("2026-02-19").Start, Today, afterDays: 40));
        Assert.Null(AlertRules.PendingFor(Pending, Date("2026-02-20").Start, Today, afterDays: 40));
        foreach (var other in new[] { Unknown, Active, Strained, Suspended })
            Assert.Null(AlertRules.PendingFor(other, Date("2020-01-01").Start, Today, afterDays: 40));
    }

    [Fact]
    public void The_digest_for_a_day_is_due_from_its_hour_on()
    {
        Assert.Null(AlertRules.DigestDue(new DateTimeOffset(2026, 3, 31, 6, 59, 59, TimeSpan.Zero), hourUtc: 7));
        Assert.Equal(Today, AlertRules.DigestDue(new DateTimeOffset(2026, 3, 31, 7, 0, 0, TimeSpan.Zero), hourUtc: 7));
        Assert.Equal(Today, AlertRules.DigestDue(new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero), hourUtc: 7));
        Assert.Equal(Today, AlertRules.DigestDue(new DateTimeOffset(2026, 4, 1, 1, 0, 0, TimeSpan.FromHours(2)), hourUtc: 7)); // 23:00 UTC
    }

    [Fact]
    public void An_alert_id_depends_on_what_caused_it_and_nothing_else()
    {
        var cause = Guid.Parse("0195f2a4-0000-7000-8000-000000000001");
        Assert.Equal(AlertId.For(AlertKind.StatusChanged, "military", cause), AlertId.For(AlertKind.StatusChanged, "military", cause));
        Assert.NotEqual(AlertId.For(AlertKind.StatusChanged, "military", cause), AlertId.For(AlertKind.StatusChanged, "defense-minister", cause));
        Assert.NotEqual(AlertId.For(AlertKind.StatusChanged, "military", cause), AlertId.For(AlertKind.HistoryRevised, "military", cause));
        Assert.NotEqual(AlertId.For(AlertKind.StatusChanged, "military", cause), AlertId.For(AlertKind.StatusChanged, "military", Guid.NewGuid()));
        Assert.Equal(8, AlertId.For(AlertKind.Digest, "2026-03-31", Guid.Empty).Version);
    }

    private static PartialDate Date(string text) => PartialDate.TryParse(text, out var date, out _) ? date : throw new ArgumentException(text);
}
