namespace Monitor.Hosting;

public static class Clock
{
    /// <summary>Today's date in UTC: the latest date a development may carry.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
