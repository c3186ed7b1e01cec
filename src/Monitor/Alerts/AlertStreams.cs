using Monitor.EventStore;
using static Monitor.Alerts.AlertEvent;

namespace Monitor.Alerts;

/// <summary>Where alerts and subscriptions live in the log, and their stored names.</summary>
public static class AlertStreams
{
    public const string Subscriptions = "subscriptions";
    private const string AlertPrefix = "alert-";

    /// <summary>One stream per alert: raising it expects no stream, so a second raise of the same id writes nothing.</summary>
    public static string Of(Guid alertId) => AlertPrefix + alertId.ToString("N");

    /// <summary>One stream per delivery (alert and recipient), holding its claims: a claim expects the revision before it.</summary>
    public static string OfDelivery(Guid alertId, Guid subscriptionId) => $"{Of(alertId)}-{subscriptionId:N}";

    public static bool IsAlert(string stream) => stream.StartsWith(AlertPrefix, StringComparison.Ordinal);

    public static readonly EventCodec<AlertEvent> AlertCodec = new(
        ("alert-raised", typeof(AlertRaised)),
        ("alert-delivered", typeof(AlertDelivered)),
        ("alert-delivery-claimed", typeof(AlertDeliveryClaimed)),
        ("alert-delivery-attempt-failed", typeof(AlertDeliveryAttemptFailed)),
        ("alert-delivery-failed", typeof(AlertDeliveryFailed)));
}
