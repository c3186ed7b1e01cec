namespace Monitor.Tests.Process;

/// <summary>Finding one's way: help by name, and every unknown channel answered with the known ones.</summary>
public sealed partial class CliTests
{
    [Fact]
    public async Task Help_by_name_lists_the_commands_and_explains_one()
    {
        var all = await Monitor("help");
        Assert.Equal(0, all.Code);
        Assert.Contains("timeline", all.Output);
        Assert.Contains("add-source", all.Output);

        var one = await Monitor("help", "record");
        Assert.Equal(0, one.Code);
        Assert.Contains("monitor record [options]", one.Output);
        Assert.Contains("--occurred-on", one.Output);

        var none = await Monitor("help", "recrod");
        Assert.Equal(1, none.Code);
        Assert.Contains("No command 'recrod'. Commands: serve, status, timeline", none.Error);
    }

    [Theory]
    [InlineData("timeline", "theatre-commander")]
    [InlineData("developments", "--channel", "theatre-commander")]
    public async Task A_misspelt_channel_is_refused_with_the_likely_one_and_every_known_one(params string[] args)
    {
        var (code, _, error) = await Monitor(args);
        Assert.Equal(1, code);
        Assert.Contains("Unknown channel 'theatre-commander'. Did you mean 'theater-commander'?", error);
        Assert.Contains("Known channels: military, theater-commander, defense-minister.", error);
    }
}
