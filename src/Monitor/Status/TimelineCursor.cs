using System.Globalization;
using Monitor.Http;

namespace Monitor.Status;

/// <summary>Where a page of a timeline's developments ended: the last one's place in fold order.</summary>
public readonly record struct TimelineCursor(DateOnly CertainBy, DateOnly PossibleFrom, long Order)
{
    public static TimelineCursor After(TimelineEntry last) => new(last.CertainBy, last.PossibleFrom, last.Development.Order);

    /// <summary>Whether <paramref name="entry"/> comes after the cursor in fold order, and so on a later page.</summary>
    public bool Precedes(TimelineEntry entry) =>
        DatedDevelopment.FoldOrder(new DatedDevelopment(Guid.Empty, default, PossibleFrom, CertainBy, Order), entry.Development) < 0;

    public override string ToString() =>
        OpaqueCursor.Encode(string.Create(CultureInfo.InvariantCulture, $"{CertainBy.DayNumber}|{PossibleFrom.DayNumber}|{Order}"));

    public static bool TryParse(string text, out TimelineCursor cursor)
    {
        cursor = default;
        if (OpaqueCursor.Decode(text, 3) is not [var certain, var possible, var order]
            || !int.TryParse(certain, NumberStyles.None, CultureInfo.InvariantCulture, out var certainBy)
            || !int.TryParse(possible, NumberStyles.None, CultureInfo.InvariantCulture, out var possibleFrom)
            || !long.TryParse(order, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            || certainBy > DateOnly.MaxValue.DayNumber || possibleFrom > DateOnly.MaxValue.DayNumber) return false;
        cursor = new TimelineCursor(DateOnly.FromDayNumber(certainBy), DateOnly.FromDayNumber(possibleFrom), at);
        return true;
    }
}

/// <summary>Which developments of a timeline to show: at most <paramref name="Limit"/>, after <paramref name="After"/>.</summary>
public readonly record struct TimelinePage(int Limit, TimelineCursor? After);
