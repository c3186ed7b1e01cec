namespace Monitor.Alerts.Delivery;

/// <summary>Deliver one alert to one subscriber. Carries ids only: the alert and the target are read from the log's read models.</summary>
/// <param name="Attempted">Attempts the log shows already made (before a restart): the count goes on from there, not from 1.</param>
public sealed record DeliverAlert(Guid AlertId, Guid SubscriptionId, int Attempted = 0);

/// <summary>An alert was raised: live listeners (the server-sent event stream) want it now.</summary>
public sealed record AlertWasRaised(Guid AlertId);
