using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.EventStore;
using Monitor.Hosting;
using Monitor.Metrics;
using Monitor.Projections;
using static Monitor.Alerts.AlertEvent;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Delivers one alert to one subscriber and records the outcome in the alert's stream. A failed attempt is
/// recorded at once (how many so far, why, when the next is due) and the message is redelivered by the bus's
/// scheduler after <see cref="RetryDelay"/>, so a failing receiver holds no delivery slot while it waits; the
/// last attempt's failure, whatever it is, is recorded instead, and the alert shows as failed.
/// </summary>
public sealed class DeliverAlertConsumer(
    ReadModel model, IEventStore store, DeliveryDispatcher dispatcher, WebhookSender webhooks, EmailSender email,
    IOptions<MonitorOptions> options, TimeProvider clock, MonitorMetrics metrics, LogThrottle throttle, ILogger<DeliverAlertConsumer> log)
    : IConsumer<DeliverAlert>
{
    public async Task Consume(ConsumeContext<DeliverAlert> context)
    {
        var (alertId, subscriptionId) = (context.Message.AlertId, context.Message.SubscriptionId);
        var attempt = context.Message.Attempted + context.GetRedeliveryCount() + 1;
        var delivery = options.Value.Alerts.Delivery;
        var last = attempt >= delivery.Attempts;
        var retrying = false;
        try
        {
            var (alert, subscription, owed) = model.Read(m =>
                (m.Alerts.Find(alertId), m.Subscriptions.Find(subscriptionId), m.Alerts.Pending.Contains((alertId, subscriptionId))));
            if (!owed || alert is null) return;
            if (subscription is null)
            {
                await RecordAsync(new AlertDeliveryFailed(alertId, subscriptionId, 0, DeliveryError.SubscriptionEnded));
                return;
            }
            try
            {
                if (subscription.Webhook is { } hook) await webhooks.SendAsync(alert, hook, context.CancellationToken);
                else await email.SendAsync(alert, subscription, context.CancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                var category = failure is DeliveryFailedException known ? known.Category : DeliveryError.Internal;
                if (!last)
                {
                    // A receiver that is down fails every alert the same way: say so once a minute, with a count.
                    if (throttle.ShouldLog($"delivery|{subscriptionId}|{category}", out var times))
                    {
                        log.LogWarning("Delivery of alert {AlertId} to subscription {SubscriptionId} failed (attempt {Attempt}, {Category}; "
                            + "{Times}× since last said): {Reason} Retrying later.", alertId, subscriptionId, attempt, category, times, failure.Message);
                    }
                    metrics.Deliveries.WithLabels("retrying").Inc();
                    var wait = RetryDelay.After(attempt, delivery, Random.Shared.NextDouble());
                    await RecordAttemptAsync(new AlertDeliveryAttemptFailed(alertId, subscriptionId, attempt, category, clock.GetUtcNow() + wait));
                    await context.Redeliver(wait);
                    retrying = true;
                    return;
                }
                log.LogError("Gave up delivering alert {AlertId} to subscription {SubscriptionId} after {Attempt} attempts ({Category}): "
                    + "{Reason}", alertId, subscriptionId, attempt, category, failure.Message);
                metrics.Deliveries.WithLabels("failed").Inc();
                await RecordAsync(new AlertDeliveryFailed(alertId, subscriptionId, attempt, category));
                return;
            }
            metrics.Deliveries.WithLabels("delivered").Inc();
            await RecordAsync(new AlertDelivered(alertId, subscriptionId, attempt));
            log.LogInformation("Delivered alert {AlertId} to subscription {SubscriptionId} (attempt {Attempt})", alertId, subscriptionId, attempt);
        }
        finally
        {
            // While a redelivery is scheduled, the delivery stays in flight; otherwise (concluded, or the redelivery could not be
            // scheduled) a later dispatch may send it again if still owed.
            if (!retrying) dispatcher.Release(alertId, subscriptionId);
        }
    }

    /// <summary>Shows the failed attempt; the retry happens whether or not the log could take it.</summary>
    private async Task RecordAttemptAsync(AlertDeliveryAttemptFailed attempt)
    {
        try
        {
            await RecordAsync(attempt);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throttle.Failed(log, LogLevel.Warning, $"Recording attempt {attempt.Attempts} at alert {attempt.AlertId}", error);
        }
    }

    private async Task RecordAsync(AlertEvent outcome)
    {
        var result = await store.AppendAsync(AlertStreams.Of(outcome.AlertId), ExpectedRevision.StreamExists, [AlertStreams.AlertCodec.Encode(outcome)]);
        await model.WaitForAsync(result.Position, CancellationToken.None);
    }
}
