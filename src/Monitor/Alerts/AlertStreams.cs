namespace Monitor.Alerts;

/// <summary>Where alerts and subscriptions live in the log.</summary>
public static class AlertStreams
{
    public const string Subscriptions = "subscriptions";
    private const string AlertPrefix = "alert-";

    /// <summary>One stream per alert: raising it expects no stream, so a second raise of the same id writes nothing.</summary>
    public static string Of(Guid alertId) => AlertPrefix + alertId.ToString("N");

    /// <summary>One stream per delivery (alert and recipient), holding its claims: a claim expects the revision before it.</summary>
    public static string OfDelivery(Guid alertId, Guid subscriptionId) => $"{Of(alertId)}-{subscriptionId:N}";

    public static bool IsAlert(string stream) => stream.StartsWith(AlertPrefix, StringComparison.Ordinal);
}
