using Monitor.Channels;

namespace Monitor.Tests.Channels;

/// <summary>Which channel someone meant by a name that is none, and how the refusal says it.</summary>
public sealed class LikelyChannelTests
{
    private static readonly string[] Ids = ["military", "theater-commander", "defense-minister"];

    [Theory]
    [InlineData("theatre-commander", "theater-commander")] // British spelling
    [InlineData("millitary", "military")]
    [InlineData("Military", "military")]
    [InlineData("defence-minister", "defense-minister")]
    [InlineData("minister", "defense-minister")] // a word of the id
    [InlineData("commander", "theater-commander")]
    [InlineData("mil", "military")]
    [InlineData("navy", null)]
    [InlineData("m", null)]
    [InlineData("", null)]
    public void A_misspelling_or_a_word_of_one_id_names_it_and_anything_else_names_none(string given, string? meant) =>
        Assert.Equal(meant, LikelyChannel.Meant(given, Ids));

    [Fact]
    public void The_refusal_names_the_likely_channel_and_every_known_one() =>
        Assert.Equal("Unknown channel 'theatre-commander'. Did you mean 'theater-commander'? "
            + "Known channels: military, theater-commander, defense-minister.",
            new ChannelCatalog(ChannelCatalog.Defaults).Unknown("theatre-commander"));
}
