using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Alerts;

/// <summary>When an alert is due. Pure: statuses, dates and "now" are passed in.</summary>
public static class AlertRules
{
    /// <summary>
    /// The alert a change to a channel's timeline calls for: a new current status is a status change;
    /// rewritten past intervals under an unchanged current status are a history revision; otherwise none.
    /// </summary>
    public static AlertKind? ForChange(ChannelStatus from, ChannelStatus to, bool pastRewritten) =>
        from != to ? AlertKind.StatusChanged
        : pastRewritten ? AlertKind.HistoryRevised
        : null;

    /// <summary>Days since the channel's latest development was certain, when that is at least <paramref name="afterDays"/>.</summary>
    public static int? QuietFor(DateOnly latest, DateOnly today, int afterDays) =>
        DaysSince(latest, today) is var days && days >= afterDays ? days : null;

    /// <summary>Days the channel has certainly been pending, when it is and that is at least <paramref name="afterDays"/>.</summary>
    public static int? PendingFor(ChannelStatus status, DateOnly since, DateOnly today, int afterDays) =>
        status == ChannelStatus.Pending && DaysSince(since, today) is var days && days >= afterDays ? days : null;

    /// <summary>The day whose digest is due at <paramref name="now"/>: today once the digest hour has come, else none.</summary>
    public static DateOnly? DigestDue(DateTimeOffset now, int hourUtc) =>
        now.UtcDateTime.Hour >= hourUtc ? DateOnly.FromDateTime(now.UtcDateTime) : null;

    private static int DaysSince(DateOnly day, DateOnly today) => today.DayNumber - day.DayNumber;
}
