using Monitor.Http;

namespace Monitor.Tests.Writes;

/// <summary>While writes wait, a read holds its turn so that reads take their share of the time and no more.</summary>
public class ReadsYieldToWritesTests
{
    [Theory]
    [InlineData(20, 4)]
    [InlineData(50, 1)]
    [InlineData(100, 0)]
    public void A_read_holds_its_turn_long_enough_to_keep_to_its_share(int share, int timesItsOwnCost)
    {
        var read = TimeSpan.FromMilliseconds(3);
        Assert.Equal(read * timesItsOwnCost, ReadsYieldToWrites.Pause(read, share));
    }

    [Fact]
    public void A_long_read_holds_its_turn_no_longer_than_the_longest_pause() =>
        Assert.Equal(ReadsYieldToWrites.MaxPause, ReadsYieldToWrites.Pause(TimeSpan.FromSeconds(4), 10));

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void A_share_that_is_not_a_percentage_is_refused_naming_the_setting(int share) =>
        Assert.Contains("Monitor:ReadSharePercentUnderWrites", ReadsYieldToWrites.Refusal(share));

    [Fact]
    public void Every_percentage_is_accepted() =>
        Assert.All(Enumerable.Range(1, 100), share => Assert.Null(ReadsYieldToWrites.Refusal(share)));
}
