using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.EventStore;
using Monitor.Hosting;
using Monitor.Metrics;
using Monitor.Projections;
using static Monitor.Alerts.AlertEvent;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Delivers one alert to one subscriber and records the outcome in the alert's stream. Each attempt is claimed first
/// (<see cref="DeliveryClaims"/>), so whichever servers receive the message, one attempts it. A failed attempt is
/// recorded at once (how many so far, why, when the next is due) and the message is sent again then by
/// <see cref="DeliveryRetries"/>, so a failing receiver holds no delivery slot while it waits; the last attempt's
/// failure, whatever it is, is recorded instead, and the alert shows as failed.
/// </summary>
public sealed class DeliverAlertConsumer(
    ReadModel model, IEventStore store, DeliveryClaims claims, DeliveryRetries retries, WebhookSender webhooks, EmailSender email,
    IOptions<MonitorOptions> options, TimeProvider clock, MonitorMetrics metrics, LogThrottle throttle, ILogger<DeliverAlertConsumer> log)
    : IConsumer<DeliverAlert>
{
    public async Task Consume(ConsumeContext<DeliverAlert> context)
    {
        var (alertId, subscriptionId, ct) = (context.Message.AlertId, context.Message.SubscriptionId, context.CancellationToken);
        var (alert, subscription) = model.Read(m => (m.Alerts.Find(alertId), m.Subscriptions.Find(subscriptionId)));
        if (alert is null)
        {
            // Raised by another server, perhaps a moment ago: look again once the read models show the whole log.
            await model.WaitForAsync(await store.HeadPositionAsync(ct), ct);
            (alert, subscription) = model.Read(m => (m.Alerts.Find(alertId), m.Subscriptions.Find(subscriptionId)));
        }
        if (alert is null || !model.Read(m => m.Alerts.Pending.Contains((alertId, subscriptionId)))) return;
        if (subscription is null)
        {
            await RecordAsync(new AlertDeliveryFailed(alertId, subscriptionId, 0, DeliveryError.SubscriptionEnded));
            return;
        }
        var settings = options.Value;
        var sendTimeout = subscription.Webhook is null ? settings.Smtp.Timeout : settings.Alerts.Delivery.WebhookTimeout;
        if (await claims.ClaimAsync(alert, subscriptionId, sendTimeout, ct) is not { } attempt) return;
        var delivery = settings.Alerts.Delivery;
        if (attempt > delivery.Attempts)
        {
            // The last attempt's failure could not be recorded, so the delivery was owed again: it is not sent once more.
            var lastError = model.Read(_ => alert.Deliveries.GetValueOrDefault(subscriptionId)?.Error);
            await RecordAsync(new AlertDeliveryFailed(alertId, subscriptionId, attempt - 1, lastError ?? DeliveryError.Internal));
            return;
        }
        // The whole send ends within its timeout, well before the claim does (it is held for twice as long): a mail server
        // answering each step slowly would otherwise outlast the claim, and another server would send it too.
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct);
        sending.CancelAfter(sendTimeout);
        try
        {
            if (subscription.Webhook is { } hook) await webhooks.SendAsync(alert, hook, sending.Token);
            else await email.SendAsync(alert, subscription, sending.Token);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var category = failure is DeliveryFailedException known ? known.Category
                : failure is OperationCanceledException ? DeliveryError.Timeout : DeliveryError.Internal;
            if (attempt < delivery.Attempts)
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
                await retries.ScheduleAsync(alertId, subscriptionId, wait, ct);
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
        var result = await store.AppendAsync(AlertStreams.Of(outcome.AlertId), ExpectedRevision.StreamExists, [AlertCodec.Encode(outcome)]);
        await model.WaitForAsync(result.Position, CancellationToken.None);
    }
}
