using System.Text;
using System.Text.Json;
using Monitor.Alerts;
using Monitor.Json;

namespace Monitor.Tests.Alerts;

/// <summary>
/// The JSON of each kind of alert, as webhooks (signed over these very bytes), the live stream and GET /api/alerts carry
/// it: the literal bodies below are what the version that kept every alert in one record of optional fields sent.
/// </summary>
public sealed class AlertJsonTests
{
    public static TheoryData<AlertKind, string> Bodies => new()
    {
        { AlertKind.StatusChanged, """
            {"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7d","kind":"status-changed","channel":"military","from":"suspended","to":"active","retroactive":true,"development":{"id":"d44be96b-0232-41f8-b249-b0daf403056c","kind":"contact-held","occurredOn":"2025-11-18/2025-11-20","summary":"Talks held \"in person\" <at> the Pentagon & é","change":"source-added"},"raisedAt":"2026-03-01T07:00:00.1234567+00:00"}
            """ },
        { AlertKind.HistoryRevised, """
            {"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7e","kind":"history-revised","channel":"military","from":"active","to":"active","retroactive":true,"development":{"id":"d44be96b-0232-41f8-b249-b0daf403056c","kind":"contact-held","occurredOn":"2025-11-18/2025-11-20","summary":"Talks held \"in person\" <at> the Pentagon & é","change":"retracted"},"raisedAt":"2026-03-01T07:00:00.1234567+00:00"}
            """ },
        { AlertKind.QuietChannel, """
            {"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c7f","kind":"quiet-channel","channel":"theater-commander","to":"pending","retroactive":false,"development":{"id":"d44be96b-0232-41f8-b249-b0daf403056c","kind":"restoration-agreed","occurredOn":"2026-02-25","summary":"Talks held \"in person\" <at> the Pentagon & é"},"since":"2026-02-25","days":34,"raisedAt":"2026-03-01T07:00:00.1234567+00:00"}
            """ },
        { AlertKind.PendingOverdue, """
            {"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c80","kind":"pending-overdue","channel":"defense-minister","to":"pending","retroactive":false,"development":{"id":"d44be96b-0232-41f8-b249-b0daf403056c","kind":"restoration-agreed","occurredOn":"2026-02-25","summary":"Talks held \"in person\" <at> the Pentagon & é"},"since":"2026-02-25","days":24,"raisedAt":"2026-03-01T07:00:00.1234567+00:00"}
            """ },
        { AlertKind.Digest, """
            {"id":"8a1f0c2e-3b4d-8e5f-a617-28394a5b6c81","kind":"digest","retroactive":false,"day":"2026-03-01","channels":[{"channel":"military","status":"pending","since":"2026-02-25"},{"channel":"defense-minister","status":"unknown"}],"raisedAt":"2026-03-01T07:00:00.1234567+00:00"}
            """ },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Each_kind_of_alert_is_sent_as_the_same_bytes_as_before(AlertKind kind, string body)
    {
        var sent = JsonSerializer.SerializeToUtf8Bytes(AlertJson.Of(AlertSamples.Raised(AlertSamples.Of(kind))), MonitorJson.Options);

        Assert.Equal(body, Encoding.UTF8.GetString(sent));
    }
}
