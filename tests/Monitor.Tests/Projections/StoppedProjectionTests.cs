using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Projections;

namespace Monitor.Tests.Projections;

/// <summary>Once damage stops the projection, whoever waits for a position it will not reach is told why at once.</summary>
public sealed class StoppedProjectionTests
{
    [Fact]
    public async Task Waiting_for_a_position_past_the_damage_fails_with_it_now_and_later()
    {
        var model = new ReadModel(new ChannelCatalog(ChannelCatalog.Defaults));
        var waiting = model.WaitForAsync(5, CancellationToken.None);
        var damage = new StoreDamagedException("The event at position 1 cannot be decoded.");

        model.Stopped(damage);

        Assert.Same(damage, await Assert.ThrowsAsync<StoreDamagedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10))));
        Assert.Same(damage, await Assert.ThrowsAsync<StoreDamagedException>(() => model.WaitForAsync(3, CancellationToken.None)));
        await model.WaitForAsync(0, CancellationToken.None); // reached before the damage: nothing to wait for
    }
}
