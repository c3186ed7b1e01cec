using Monitor.Projections;
using Xunit;

namespace Monitor.Tests.Projections;

/// <summary>A setting held by overlapping holders stays held until the last lets go, then is as it was before the first.</summary>
public sealed class HeldSettingTests
{
    private string _value = "serving";

    private HeldSetting<string> Setting() => new(() => _value, value => _value = value, "catching up");

    [Fact]
    public void One_holder_sets_it_and_puts_it_back()
    {
        var setting = Setting();

        using (setting.Begin()) Assert.Equal("catching up", _value);

        Assert.Equal("serving", _value);
    }

    [Fact]
    public void Overlapping_holders_keep_it_until_the_last_lets_go_whatever_order_they_end_in()
    {
        var setting = Setting();
        var first = setting.Begin();
        var second = setting.Begin();

        first.Dispose();
        Assert.Equal("catching up", _value);
        second.Dispose();
        Assert.Equal("serving", _value);
    }

    [Fact]
    public void A_value_set_before_the_first_holder_is_the_one_put_back()
    {
        var setting = Setting();
        _value = "changed while idle";

        using (setting.Begin())
        using (setting.Begin())
            Assert.Equal("catching up", _value);

        Assert.Equal("changed while idle", _value);
    }

    [Fact]
    public async Task Holders_on_many_threads_leave_it_as_it_was()
    {
        var setting = Setting();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                using var held = setting.Begin();
                Assert.Equal("catching up", _value);
            }
        })));

        Assert.Equal("serving", _value);
    }
}
