using Microsoft.Extensions.Time.Testing;
using Monitor.Hosting;

namespace Monitor.Tests.Hosting;

public sealed class LogThrottleTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_repeated_failure_is_said_the_first_time_then_once_a_minute_with_how_often_it_happened()
    {
        var throttle = new LogThrottle(_clock);
        Assert.True(throttle.ShouldLog("disk full", out var first));
        Assert.Equal(1, first);

        for (var i = 0; i < 41; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.False(throttle.ShouldLog("disk full", out _));
        }
        _clock.Advance(TimeSpan.FromSeconds(19));
        Assert.True(throttle.ShouldLog("disk full", out var later));
        Assert.Equal(42, later);
        Assert.False(throttle.ShouldLog("disk full", out _));
    }

    [Fact]
    public void Different_failures_are_counted_apart()
    {
        var throttle = new LogThrottle(_clock);
        Assert.True(throttle.ShouldLog("disk full", out _));
        Assert.True(throttle.ShouldLog("receiver down", out var other));
        Assert.Equal(1, other);
        Assert.False(throttle.ShouldLog("disk full", out _));
    }
}
