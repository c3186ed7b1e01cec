namespace Monitor.Alerts.Delivery;

/// <summary>Deliver one alert to one subscriber. Carries ids only: the alert, the target and the attempts so far are read from the log.</summary>
public sealed record DeliverAlert(Guid AlertId, Guid SubscriptionId);

/// <summary>An alert was raised: live listeners (the server-sent event stream) want it now.</summary>
public sealed record AlertWasRaised(Guid AlertId);
