using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Monitor.EventStore;
using static Monitor.Alerts.AlertEvent;

namespace Monitor.Alerts;

/// <summary>Alert events to and from their stored contract (StoredAlerts.cs), under names fixed apart from class names.</summary>
public static class AlertCodec
{
    private const string Raised = "alert-raised", Delivered = "alert-delivered", Claimed = "alert-delivery-claimed",
        AttemptFailed = "alert-delivery-attempt-failed", Failed = "alert-delivery-failed";

    private static StoredAlertsJson Json => StoredAlertsJson.Stored;

    public static EventData Encode(AlertEvent e) => e switch
    {
        AlertRaised r => Event(Raised, new StoredRaised
        {
            Alert = StoredAlertCase.Store(r.Alert, r.RaisedAt),
            Recipients = [.. r.Recipients],
            AlertId = r.AlertId,
        }, Json.StoredRaised),
        AlertDelivered d => Event(Delivered,
            new StoredDelivered { SubscriptionId = d.SubscriptionId, Attempts = d.Attempts, AlertId = d.AlertId }, Json.StoredDelivered),
        AlertDeliveryClaimed c => Event(Claimed, new StoredClaimed
        {
            SubscriptionId = c.SubscriptionId,
            Attempt = c.Attempt,
            Until = c.Until,
            AlertId = c.AlertId,
        }, Json.StoredClaimed),
        AlertDeliveryAttemptFailed f =>
            Event(AttemptFailed, Failure(f.AlertId, f.SubscriptionId, f.Attempts, f.Error, f.NextAttemptAt), Json.StoredFailure),
        AlertDeliveryFailed f => Event(Failed, Failure(f.AlertId, f.SubscriptionId, f.Attempts, f.Error, null), Json.StoredFailure),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not an alert event."),
    };

    /// <summary>The alert event in <paramref name="e"/>, or null for events of other types.</summary>
    /// <exception cref="JsonException">The data is not the event its type names.</exception>
    public static AlertEvent? Decode(RecordedEvent e) => Decode(e.Type, e.Data);

    /// <inheritdoc cref="Decode(RecordedEvent)"/>
    public static AlertEvent? Decode(string type, ReadOnlySpan<byte> data) => type switch
    {
        Raised when Read(data, Json.StoredRaised) is var r && (r.Alert ?? throw StoredAlertCase.Missing("alert")) is var alert =>
            new AlertRaised(StoredAlertCase.Read(alert), r.Recipients ?? throw StoredAlertCase.Missing("recipients"),
                alert.RaisedAt ?? throw StoredAlertCase.Missing("raisedAt")),
        Delivered when Read(data, Json.StoredDelivered) is var d => new AlertDelivered(d.AlertId, d.SubscriptionId, d.Attempts),
        Claimed when Read(data, Json.StoredClaimed) is var c => new AlertDeliveryClaimed(c.AlertId, c.SubscriptionId, c.Attempt, c.Until),
        AttemptFailed when Read(data, Json.StoredFailure) is var f =>
            new AlertDeliveryAttemptFailed(f.AlertId, f.SubscriptionId, f.Attempts, f.Error ?? throw StoredAlertCase.Missing("error"), f.NextAttemptAt),
        Failed when Read(data, Json.StoredFailure) is var f =>
            new AlertDeliveryFailed(f.AlertId, f.SubscriptionId, f.Attempts, f.Error ?? throw StoredAlertCase.Missing("error")),
        _ => null,
    };

    /// <summary>An attempt that failed, or the delivery given up: one stored shape, the next attempt only in the first.</summary>
    private static StoredFailure Failure(Guid alertId, Guid subscriptionId, int attempts, string error, DateTimeOffset? nextAttemptAt) => new()
    {
        SubscriptionId = subscriptionId,
        Attempts = attempts,
        Error = error,
        NextAttemptAt = nextAttemptAt,
        AlertId = alertId,
    };

    private static EventData Event<T>(string type, T stored, JsonTypeInfo<T> info) =>
        new(Guid.CreateVersion7(), type, JsonSerializer.SerializeToUtf8Bytes(stored, info));

    private static T Read<T>(ReadOnlySpan<byte> data, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(data, info) ?? throw new JsonException("The event is null.");
}
