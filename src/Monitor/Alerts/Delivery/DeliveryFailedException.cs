namespace Monitor.Alerts.Delivery;

/// <summary>A receiver did not take the alert; the message says why in words fit for GET /api/alerts (never a secret).</summary>
public sealed class DeliveryFailedException(string message, Exception? inner = null) : Exception(message, inner);
