using System.Text;
using System.Text.Json;
using Monitor.Alerts;
using Monitor.EventStore;
using Monitor.Status;
using static Monitor.Alerts.AlertEvent;

namespace Monitor.Tests.Alerts;

/// <summary>
/// Alert events read as earlier versions wrote them (the literal bytes below, written when the domain records were
/// serialized as they were), and written the same way again: the stored contract is its own, whatever the alert cases
/// and the API's JSON become.
/// </summary>
public sealed class StoredContractTests
{
    public static TheoryData<AlertKind, string> RaisedAlerts => new()
    {
        { AlertKind.StatusChanged, """
            {"alert":{"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d","kind":"status-changed","channel":"military","from":"suspended","to":"active","retroactive":true,"development":{"id":"d44be96b-0232-41f8-b249-b0daf403056c","kind":"contact-held","occurredOn":"2025-11-18/2025-11-20","summary":"Talks held \"in person\" <at> the Pentagon & é","change":"source-added"},"raisedAt":"2026-03-01T07:00:00.1234567+00:00"},"recipients":["0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e70"],"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"}
            """ },
        { AlertKind.HistoryRevised, """
            {"alert":{"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7e","kind":"history-revised","channel":"military","from":"active","to":"active","retroactive":true,"development":{"id":"d44be96b-0232-41f8-b249-b0daf403056c","kind":"contact-held","occurredOn":"2025-11-18/2025-11-20","summary":"Talks held \"in person\" <at> the Pentagon & é","change":"retracted"},"raisedAt":"2026-03-01T07:00:00.1234567+00:00"},"recipients":["0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e70"],"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7e"}
            """ },
        { AlertKind.QuietChannel, """
            {"alert":{"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7f","kind":"quiet-channel","channel":"theater-commander","to":"pending","retroactive":false,"development":{"id":"d44be96b-0232-41f8-b249-b0daf403056c","kind":"restoration-agreed","occurredOn":"2026-02-25","summary":"Talks held \"in person\" <at> the Pentagon & é"},"since":"2026-02-25","days":34,"raisedAt":"2026-03-01T07:00:00.1234567+00:00"},"recipients":["0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e70"],"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7f"}
            """ },
        { AlertKind.PendingOverdue, """
            {"alert":{"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c80","kind":"pending-overdue","channel":"defense-minister","to":"pending","retroactive":false,"development":{"id":"d44be96b-0232-41f8-b249-b0daf403056c","kind":"restoration-agreed","occurredOn":"2026-02-25","summary":"Talks held \"in person\" <at> the Pentagon & é"},"since":"2026-02-25","days":24,"raisedAt":"2026-03-01T07:00:00.1234567+00:00"},"recipients":["0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e70"],"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c80"}
            """ },
        { AlertKind.Digest, """
            {"alert":{"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c81","kind":"digest","retroactive":false,"day":"2026-03-01","channels":[{"channel":"military","status":"pending","since":"2026-02-25"},{"channel":"defense-minister","status":"unknown"}],"raisedAt":"2026-03-01T07:00:00.1234567+00:00"},"recipients":["0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e70"],"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c81"}
            """ },
    };

    [Theory]
    [MemberData(nameof(RaisedAlerts))]
    public void An_alert_raised_by_an_earlier_version_reads_back_as_its_case_and_writes_the_same_bytes(AlertKind kind, string stored)
    {
        var e = Assert.IsType<AlertRaised>(Decode("alert-raised", stored));

        Assert.Equal(AlertSamples.Of(kind).GetType(), e.Alert.GetType());
        Assert.Equal([AlertSamples.Subscriber, AlertSamples.OtherSubscriber], e.Recipients);
        Assert.Equal(AlertSamples.RaisedAt, e.RaisedAt);
        Assert.Equal(stored, Written(e));
        Assert.Equal(stored, Written(e with { Alert = AlertSamples.Of(kind) }));
    }

    [Fact]
    public void A_quiet_channel_alert_from_a_version_that_raised_it_without_its_development_still_reads()
    {
        const string stored = """
            {"alert":{"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7f","kind":"quiet-channel","channel":"theater-commander","to":"pending","retroactive":false,"since":"2026-02-25","days":34,"raisedAt":"2026-03-01T07:00:00.1234567+00:00"},"recipients":["0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e70"],"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7f"}
            """;

        var quiet = Assert.IsType<Alert.QuietChannel>(Assert.IsType<AlertRaised>(Decode("alert-raised", stored)).Alert);

        Assert.Equal(("theater-commander", ChannelStatus.Pending, "2026-02-25", 34), (quiet.Channel, quiet.Status, quiet.Since.ToString(), quiet.Days));
        Assert.Null(quiet.Development);
    }

    [Fact]
    public void Delivery_events_stored_by_an_earlier_version_read_back_whole_and_write_the_same_bytes()
    {
        var alert = AlertSamples.StatusChanged.Id;
        var subscriber = AlertSamples.Subscriber;
        (string Type, string Stored, AlertEvent Expected)[] events =
        [
            ("alert-delivered", """
                {"subscriptionId":"0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","attempts":3,"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"}
                """, new AlertDelivered(alert, subscriber, 3)),
            ("alert-delivery-claimed", """
                {"subscriptionId":"0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","attempt":2,"until":"2026-03-01T07:00:00.1234567+00:00","alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"}
                """, new AlertDeliveryClaimed(alert, subscriber, 2, AlertSamples.RaisedAt)),
            ("alert-delivery-attempt-failed", """
                {"subscriptionId":"0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","attempts":1,"error":"http-503","nextAttemptAt":"2026-03-01T07:00:00.1234567+00:00","alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"}
                """, new AlertDeliveryAttemptFailed(alert, subscriber, 1, "http-503", AlertSamples.RaisedAt)),
            ("alert-delivery-attempt-failed", """
                {"subscriptionId":"0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","attempts":1,"error":"timeout","alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"}
                """, new AlertDeliveryAttemptFailed(alert, subscriber, 1, "timeout")),
            ("alert-delivery-failed", """
                {"subscriptionId":"0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","attempts":5,"error":"connection-refused","alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"}
                """, new AlertDeliveryFailed(alert, subscriber, 5, "connection-refused")),
            ("alert-delivery-failed", """
                {"subscriptionId":"0193f0a4-5b1e-7c3d-8e2f-1a2b3c4d5e6f","attempts":5,"error":"The webhook at receiver.example answered HTTP 500.","alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"}
                """, new AlertDeliveryFailed(alert, subscriber, 5, "The webhook at receiver.example answered HTTP 500.")),
        ];

        foreach (var (type, stored, expected) in events)
        {
            Assert.Equal(expected, Decode(type, stored));
            Assert.Equal(stored, Written(expected));
        }
    }

    [Theory]
    [InlineData("""{"alert":{"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d","kind":"status-rewritten","channel":"military","retroactive":false,"raisedAt":"2026-03-01T07:00:00+00:00"},"recipients":[],"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"}""")]
    [InlineData("""{"alert":{"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d","kind":"status-changed","channel":"military","from":"suspended","to":"active","retroactive":false,"raisedAt":"2026-03-01T07:00:00+00:00"},"recipients":[],"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"}""")]
    [InlineData("""{"alert":{"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c81","kind":"digest","retroactive":false,"day":"2026-03-01","channels":[]},"recipients":[],"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c81"}""")]
    [InlineData("""{"alertId":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d"}""")]
    public void A_stored_alert_that_does_not_hold_is_refused_not_half_read(string json) =>
        Assert.Throws<JsonException>(() => Decode("alert-raised", json));

    [Fact]
    public void Events_of_other_streams_are_not_alert_events() =>
        Assert.Null(Decode("subscription-started", "{}"));

    private static AlertEvent? Decode(string type, string json) =>
        AlertCodec.Decode(new RecordedEvent(AlertStreams.Of(Guid.Empty), 0, 1, Guid.NewGuid(), type, Encoding.UTF8.GetBytes(json), DateTimeOffset.UnixEpoch));

    private static string Written(AlertEvent e) => Encoding.UTF8.GetString(AlertCodec.Encode(e).Data);
}
