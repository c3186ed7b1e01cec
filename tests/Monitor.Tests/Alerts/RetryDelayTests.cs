using Monitor.Alerts.Delivery;
using Monitor.Hosting;

namespace Monitor.Tests.Alerts;

public sealed class RetryDelayTests
{
    private static readonly DeliveryOptions Options = new() { FirstRetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromMinutes(5) };

    [Theory]
    [InlineData(1, 0.0, 0.5)]
    [InlineData(1, 0.999999, 1)]
    [InlineData(2, 0.0, 1)]
    [InlineData(4, 0.5, 6)]
    [InlineData(9, 0.0, 128)]
    [InlineData(10, 0.0, 150)] // the step is capped at MaxRetryDelay (300 s), of which at least half is waited
    [InlineData(1000, 0.999999, 300)]
    public void Each_failure_doubles_the_step_up_to_the_maximum_and_waits_between_half_and_all_of_it(int failedAttempt, double random, double seconds) =>
        Assert.Equal(seconds, RetryDelay.After(failedAttempt, Options, random).TotalSeconds, precision: 3);
}
