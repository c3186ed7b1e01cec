using System.Buffers;
using Monitor.Collections;
using Monitor.Recording;
using Monitor.Status;
using Xunit;

namespace Monitor.Tests.Recording;

/// <summary>The read models keep facts packed: what they unpack must be what was packed, and what they read in place must agree with it.</summary>
public sealed class PackedFactsTests
{
    private static readonly DevelopmentFacts Facts = new(
        ["military", "defense-minister"], DevelopmentKind.ContactPlanned, Period.Parse("2025-11-18/2025-11-20"),
        "Hegseth and Dong agreed to set up military channels — 国防部长 talks", ["Pete Hegseth", "Dong Jun"],
        [
            new Source("Defense chiefs meet", "Reuters", "https://example.org/a/", PartialDate.Of(2025, 11, 1), "They agreed.",
                Reference: null, SyndicatedFrom: null),
            new Source("Chiefs to talk", "Xinhua", null, PartialDate.Of(2025, 10), "Both sides said so.",
                Reference: "seeds/xinhua.md", SyndicatedFrom: "https://example.org/a/"),
            new Source("", "AP", "https://example.org/" + new string('x', 300), PartialDate.Of(2026), new string('é', 600)),
        ],
        PlannedFor: Period.Parse("2026-01"));

    [Fact]
    public void Unpacks_to_the_facts_it_was_packed_from()
    {
        var unpacked = PackedFacts.Pack(Facts).Unpack();

        Assert.Equal(Facts.Summary, unpacked.Summary);
        Assert.Equal(Facts.Channels, unpacked.Channels);
        Assert.Equal(Facts.Actors, unpacked.Actors);
        Assert.Equal(Facts.Kind, unpacked.Kind);
        Assert.Equal(Facts.OccurredOn, unpacked.OccurredOn);
        Assert.Equal(Facts.PlannedFor, unpacked.PlannedFor);
        Assert.Equal(Facts.Sources, unpacked.Sources); // Source is a record of strings and a date: compared field by field
    }

    [Fact]
    public void Facts_packed_side_by_side_in_one_arena_each_unpack_to_their_own()
    {
        var arena = new ByteArena();
        var facts = Enumerable.Range(0, 5_000).Select(i => Facts with { Summary = $"{i}: {Facts.Summary}" }).ToList();

        var packed = facts.Select(f => PackedFacts.Pack(f, arena)).ToList();

        Assert.True(arena.Reserved > ByteArena.ChunkSize, "the facts should fill more than one chunk");
        for (var i = 0; i < facts.Count; i++)
        {
            Assert.Equal(facts[i].Summary, packed[i].Summary);
            Assert.Equal(facts[i].Sources, packed[i].Unpack().Sources);
        }
    }

    [Theory]
    [InlineData(100, '国')] // 100 characters, 300 bytes: its length takes two bytes where one was guessed
    [InlineData(64, 'é')] // 128 bytes, just past what a length of one byte holds
    [InlineData(126, 'a')] // the most a length of one byte holds
    public void Text_longer_in_bytes_than_in_characters_unpacks_whole(int count, char character)
    {
        var text = new string(character, count);
        var facts = Facts with { Summary = text, Sources = [Facts.Sources[0] with { Title = text, Evidence = text + "." }] };

        var unpacked = PackedFacts.Pack(facts).Unpack();

        Assert.Equal(text, unpacked.Summary);
        Assert.Equal(facts.Sources, unpacked.Sources);
    }

    [Fact]
    public void Facts_packed_into_an_arena_say_the_same_from_there_across_its_chunks()
    {
        var arena = new ByteArena();
        var packed = new List<(DevelopmentFacts Facts, PackedFacts Packed)>();
        for (var i = 0; arena.Reserved <= ByteArena.ChunkSize; i++)
        {
            var facts = Facts with { Summary = $"{i}: " + new string('x', i % 5000) };
            packed.Add((facts, PackedFacts.Pack(facts, arena)));
        }

        Assert.True(arena.Reserved > ByteArena.ChunkSize, "the runs should have filled a chunk and gone on in another");
        foreach (var (facts, inArena) in packed)
        {
            Assert.Equal(facts.Summary, inArena.Summary);
            Assert.Equal(facts.Sources, inArena.Unpack().Sources);
        }
    }

    [Fact]
    public void Places_the_development_where_the_fold_does_and_keeps_its_summary()
    {
        var packed = PackedFacts.Pack(Facts);
        var id = Guid.NewGuid();

        Assert.Equal(DatedDevelopment.Of(id, Facts, 7), packed.Dated(id, 7));
        Assert.Equal(new DateOnly(2025, 10, 31), packed.EarliestReport);
        Assert.Equal(Facts.Summary, packed.Summary);
    }

    [Theory]
    [InlineData("HEGSETH AND", true)] // summary, any case
    [InlineData("国防部长", true)]
    [InlineData("dong jun", true)] // actor
    [InlineData("chiefs to", true)] // title
    [InlineData("xinhua", true)] // publisher
    [InlineData("both sides", true)] // evidence
    [InlineData("ÉÉÉ", true)]
    [InlineData("example.org", false)] // urls, references and syndication are not searched
    [InlineData("seeds/", false)]
    [InlineData("Moscow", false)]
    public void Mentions_what_the_text_filter_looks_for(string words, bool mentioned) =>
        Assert.Equal(mentioned, PackedFacts.Pack(Facts).Mentions(SearchValues.Create([words], StringComparison.OrdinalIgnoreCase)));
}
