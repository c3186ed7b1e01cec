namespace Monitor.Alerts.Delivery;

/// <summary>
/// A receiver did not take the alert: <see cref="Category"/> is recorded (see <see cref="DeliveryError"/>);
/// the message is only logged, and holds no secret, URL path or anything the receiver said.
/// </summary>
public sealed class DeliveryFailedException(string category, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Category { get; } = category;
}
