using System.Text;
using System.Text.Json;
using Monitor.Collections;
using Monitor.EventStore;
using Monitor.Recording;
using Xunit;

namespace Monitor.Tests.Recording;

/// <summary>
/// A rebuild packs a recorded development straight from its stored bytes (<see cref="LedgerCodec.DecodeRecorded"/>):
/// what it packs, and the keys it files, must be what the same development decoded whole would give.
/// </summary>
public sealed class PackedRecordingTests
{
    public static TheoryData<string> Stored => new()
    {
        // As the codec writes one, escapes and characters beyond ASCII included.
        Encoding.UTF8.GetString(LedgerCodec.Encode(new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), new DevelopmentFacts(
            ["theater-commander", "military"], DevelopmentKind.Suspended, Period.Parse("2024-05/2024-06"), "s \"quoted\"\nline — 国防部长",
            ["A", "B"],
            [
                new Source("T \u2014 dash", "Reuters  News", "https://X.example/A/", PartialDate.Of(2024, 5, 2), "e", "ref", "syn"),
                new Source("Second Title", "AP", null, PartialDate.Of(2024, 4), new string('é', 300)),
            ],
            Period.Parse("2024-09")), Seeded: true)).Data),
        // Written by hand: properties out of order, unknown ones, a repeated summary, escaped names and texts.
        """
        {"x":[1,{"y":null}],"facts":{"sources":[{"evidence":"e","publishedOn":"2024-05","publisher":"P\u00e9","title":"T\u0041","url":null}],"summary":"first","kind":"contact-held","occurredOn":"2024-05-02/2024-05-03","channels":["military"],"summary":"sec\u006fnd"},"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","\u0073eeded":false}
        """,
        // No sources, no actors.
        """
        {"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":["defense-minister"],"kind":"context","occurredOn":"2023","summary":"s","sources":[]}}
        """,
    };

    [Theory]
    [MemberData(nameof(Stored))]
    public void A_development_packed_from_its_stored_bytes_is_packed_as_the_same_development_decoded_whole(string json)
    {
        var data = Encoding.UTF8.GetBytes(json);
        var whole = Assert.IsType<LedgerEvent.DevelopmentRecorded>(LedgerCodec.Decode(LedgerCodec.Recorded, data));

        var packed = LedgerCodec.DecodeRecorded(data, new ByteArena());

        Assert.Equal((whole.DevelopmentId, whole.Seeded), (packed.DevelopmentId, packed.Seeded));
        Assert.Equal(PackedFacts.Pack(whole.Facts).Text.ToArray(), packed.Facts.Text.ToArray());
        Assert.Equal(LedgerCodec.Encode(whole).Data, LedgerCodec.Encode(whole with { Facts = packed.Facts.Unpack() }).Data);
        Assert.Equal((whole.Facts.Channels, whole.Facts.Kind, whole.Facts.OccurredOn, whole.Facts.Actors),
            (packed.Facts.Channels, packed.Facts.Kind, packed.Facts.OccurredOn, packed.Facts.Actors));
        Assert.Equal(Monitor.Status.Certainty.EarliestReport(whole.Facts.Sources), packed.Facts.EarliestReport);
    }

    [Theory]
    [MemberData(nameof(Stored))]
    public void A_development_filed_as_packed_holds_every_duplicate_key_the_rule_gives_its_facts(string json)
    {
        var data = Encoding.UTF8.GetBytes(json);
        var whole = Assert.IsType<LedgerEvent.DevelopmentRecorded>(LedgerCodec.Decode(LedgerCodec.Recorded, data));
        var developments = new DevelopmentRegistry();

        developments.Record(LedgerCodec.DecodeRecorded(data, developments.Texts), 1, DateTimeOffset.UnixEpoch);

        var keys = new List<string>();
        DuplicateRule.ForEachKey(whole.Facts, key => keys.Add(key.ToString()));
        Assert.Equal(whole.Facts.Sources.Sum(s => s.Url is null ? 1 : 2), keys.Count);
        Assert.All(keys, key => Assert.Equal(whole.DevelopmentId, developments.HolderOf(key)));
        Assert.Null(developments.HolderOf(keys.Count > 0 ? keys[0] + "x" : "x"));
    }

    [Fact]
    public void A_development_packed_into_another_lists_texts_is_filed_with_its_text_copied_into_this_ones()
    {
        var data = LedgerCodec.Encode(new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), new DevelopmentFacts(
            ["military"], DevelopmentKind.ContactHeld, Period.Parse("2024-05-02"), "summary", [],
            [new Source("T", "P", null, PartialDate.Of(2024, 5, 2), "e")]))).Data;
        var elsewhere = new ByteArena();
        var packed = LedgerCodec.DecodeRecorded(data, elsewhere);
        var developments = new DevelopmentRegistry();

        var (record, _) = developments.Record(packed, 1, DateTimeOffset.UnixEpoch);

        Assert.True(elsewhere.Holds(packed.Facts.Text));
        Assert.False(developments.Texts.Holds(packed.Facts.Text));
        Assert.True(developments.Texts.Holds(record!.Current.Text));
        Assert.Equal("summary", record.Current.Summary);
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("title")]
    [InlineData("publisher")]
    public void A_text_whose_bytes_are_not_utf8_is_refused_as_json_that_does_not_hold(string field)
    {
        var json = Encoding.UTF8.GetBytes("""
            {"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":["military"],"kind":"contact-held","occurredOn":"2023","summary":"SUMMARY","sources":[{"title":"TITLE","publisher":"PUBLISHER","publishedOn":"2023","evidence":"e"}]}}
            """);
        var at = json.AsSpan().IndexOf(Encoding.UTF8.GetBytes(field.ToUpperInvariant()));
        json[at + 1] = 0xFF; // never a byte of UTF-8

        Assert.ThrowsAny<JsonException>(() => LedgerCodec.DecodeRecorded(json, new ByteArena()));
        Assert.ThrowsAny<JsonException>(() => LedgerCodec.Decode(LedgerCodec.Recorded, json));
    }
}
