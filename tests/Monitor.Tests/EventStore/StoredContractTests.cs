using System.Text;
using Monitor.Alerts;
using Monitor.EventStore;
using Monitor.Recording;
using Monitor.Subscriptions;

namespace Monitor.Tests.EventStore;

/// <summary>
/// Stored events read as they were written by earlier versions (the literal bytes below), and written the same way:
/// the stored contract is its own, whatever the domain records and the API's JSON become.
/// </summary>
public sealed class StoredContractTests
{
    private const string Recorded = """
        {"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":["defense-minister"],"kind":"restoration-agreed","occurredOn":"2023-06/2023-09","summary":"Both sides agreed to restore defense-minister meetings.","actors":["Lloyd Austin","Dong Jun"],"sources":[{"title":"US and China agreed to restore meetings","publisher":"The Diplomat","url":"https://news.example/1","publishedOn":"2023-09-02","evidence":"\"Both sides agreed,\" a spokesperson said."}],"plannedFor":"2023-11"},"seeded":true}
        """;

    private const string Started = """
        {"subscriptionId":"0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","subscription":{"id":"0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","channels":["military"],"kinds":["status-changed","history-revised"],"webhook":{"url":"https://receiver.example/hook","secret":"s3cret"}}}
        """;

    [Fact]
    public void A_development_recorded_by_an_earlier_version_reads_back_whole_and_writes_the_same_bytes()
    {
        var e = Assert.IsType<LedgerEvent.DevelopmentRecorded>(LedgerCodec.Decode(Stored("ledger", "development-recorded", Recorded)));

        Assert.True(e.Seeded);
        Assert.Equal(["defense-minister"], e.Facts.Channels);
        Assert.Equal(DevelopmentKind.RestorationAgreed, e.Facts.Kind);
        Assert.Equal("2023-06/2023-09", e.Facts.OccurredOn.ToString());
        Assert.Equal("2023-11", e.Facts.PlannedFor.ToString());
        Assert.Equal(("The Diplomat", "https://news.example/1", "2023-09-02"),
            (e.Facts.Sources[0].Publisher, e.Facts.Sources[0].Url, e.Facts.Sources[0].PublishedOn.ToString()));
        Assert.Equal(Recorded, Encoding.UTF8.GetString(LedgerCodec.Encode(e).Data));
    }

    [Fact]
    public void A_subscription_stored_by_an_earlier_version_reads_back_with_its_kinds_and_webhook()
    {
        var e = Assert.IsType<SubscriptionEvent.SubscriptionStarted>(SubscriptionCodec.Decode(Stored("subscriptions", "subscription-started", Started)));

        Assert.Equal([AlertKind.StatusChanged, AlertKind.HistoryRevised], e.Subscription.Kinds);
        Assert.Equal(new Webhook("https://receiver.example/hook", "s3cret"), e.Subscription.Webhook);
        var written = SubscriptionCodec.Encode(e).Data;
        var again = Assert.IsType<SubscriptionEvent.SubscriptionStarted>(SubscriptionCodec.Decode(Stored("subscriptions", "subscription-started", written)));
        Assert.Equal(written, SubscriptionCodec.Encode(again).Data);
        Assert.Equal(e.Subscription.Id, again.Subscription.Id);
        Assert.Equal(e.Subscription.Kinds, again.Subscription.Kinds);
    }

    [Theory]
    [InlineData("""{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":["military"],"kind":"resumed","occurredOn":"2023","summary":"s","actors":[],"sources":[]}}""")]
    [InlineData("""{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":["military"],"kind":"context","occurredOn":"2023-02-30","summary":"s","actors":[],"sources":[]}}""")]
    [InlineData("""{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c"}""")]
    public void A_stored_development_that_does_not_hold_is_refused_not_half_read(string json) =>
        Assert.Throws<System.Text.Json.JsonException>(() => LedgerCodec.Decode(Stored("ledger", "development-recorded", json)));

    [Fact]
    public void A_stored_development_reads_whatever_the_order_of_its_properties_skipping_unknown_ones_and_keeping_the_last_of_a_repeated_one()
    {
        const string json = """
            {"later":{"a":[1,{"b":null}]},"facts":{"sources":[{"evidence":"e","publishedOn":"2024-05","extra":true,"publisher":"P","title":"T"}],"summary":"first","kind":"contact-held","occurredOn":"2024-05-02/2024-05-03","channels":["military"],"summary":"second"},"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","\u0073eeded":true}
            """;

        var e = Assert.IsType<LedgerEvent.DevelopmentRecorded>(LedgerCodec.Decode(Stored("ledger", "development-recorded", json)));

        Assert.True(e.Seeded);
        Assert.Equal("second", e.Facts.Summary);
        Assert.Empty(e.Facts.Actors);
        Assert.Equal("2024-05-02/2024-05-03", e.Facts.OccurredOn.ToString());
        Assert.Equal(new Source("T", "P", null, PartialDate.Of(2024, 5), "e"), e.Facts.Sources.Single());
    }

    [Theory]
    [InlineData("development-recorded", """{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":null}""")]
    [InlineData("development-recorded", """{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":["military"],"kind":"contact-held","occurredOn":"2023","summary":7,"sources":[]}}""")]
    [InlineData("development-recorded", """{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":"military","kind":"contact-held","occurredOn":"2023","summary":"s","sources":[]}}""")]
    [InlineData("development-recorded", """{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":["military"],"kind":"contact-held","occurredOn":"2023","summary":"s","sources":[null]}}""")]
    [InlineData("development-recorded", """{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":["military"],"kind":"contact-held","occurredOn":"2023","summary":"s","sources":[]},"seeded":"yes"}""")]
    [InlineData("development-recorded", """{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":["military"],"kind":"contact-held","occurredOn":"2023","summary":"s","sources":[]}} {}""")]
    [InlineData("development-retracted", """{"developmentId":"not an id","reason":"r"}""")]
    [InlineData("development-retracted", """{"reason":"r"}""")]
    [InlineData("development-retracted", """{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","reason":"r""")]
    [InlineData("source-added", """{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","source":{"title":"T","publisher":"P","publishedOn":"2024"}}""")]
    [InlineData("development-corrected", """{"developmentId":"d44be96b-0232-41f8-b249-b0daf403056c","facts":{"channels":["military"],"kind":"contact-held","occurredOn":"2023","summary":"s","sources":[]}}""")]
    [InlineData("development-corrected", "null")]
    public void A_stored_ledger_event_of_the_wrong_shape_is_refused_as_json_that_does_not_hold(string type, string json) =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => LedgerCodec.Decode(Stored("ledger", type, json)));

    [Fact]
    public void Every_ledger_event_reads_back_as_it_was_written()
    {
        var id = Guid.NewGuid();
        var source = new Source("T \"quoted\" \u2014 dash", "P", "https://x.example/a", PartialDate.Of(2024, 5, 2), "e", "ref", "syn");
        var facts = new DevelopmentFacts(["military", "theater-commander"], DevelopmentKind.Suspended, Period.Parse("2024-05/2024-06"), "s\nline",
            ["A", "B"], [source], Period.Parse("2024-09"));
        LedgerEvent[] events =
        [
            new LedgerEvent.DevelopmentRecorded(id, facts),
            new LedgerEvent.SourceAdded(id, source),
            new LedgerEvent.DevelopmentCorrected(id, facts with { Summary = "corrected" }, "typo"),
            new LedgerEvent.DevelopmentRetracted(id, "wrong"),
        ];
        foreach (var e in events)
        {
            var data = LedgerCodec.Encode(e);
            var back = LedgerCodec.Decode(new RecordedEvent("ledger", 0, 1, data.EventId, data.Type, data.Data, DateTimeOffset.UnixEpoch));
            Assert.Equal(data.Data, LedgerCodec.Encode(back!).Data);
        }
    }

    private static RecordedEvent Stored(string stream, string type, string json) => Stored(stream, type, Encoding.UTF8.GetBytes(json));

    private static RecordedEvent Stored(string stream, string type, byte[] data) =>
        new(stream, 0, 1, Guid.NewGuid(), type, data, DateTimeOffset.UnixEpoch);
}
