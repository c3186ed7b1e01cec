using Monitor.Alerts;
using Monitor.Alerts.Delivery;
using Monitor.Auth;
using Monitor.Http;
using Monitor.Projections;
using static Monitor.Alerts.SubscriptionEvent;

namespace Monitor.Subscriptions;

/// <summary>Subscriptions are managed with an analyst key: the listing shows where alerts go (never the secrets).</summary>
public static class SubscriptionsApi
{
    public static void MapSubscriptionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/subscriptions", (ReadModel model) =>
            model.Read(m => m.Subscriptions.Active.Select(SubscriptionView.Of).ToList())).RequireAuthorization(Roles.Analyst)
            .WithSummary("Subscriptions in force, without their secrets (analyst key).");
        api.MapPost("/subscriptions", Start).RequireAuthorization(Roles.Analyst)
            .WithSummary("Subscribe a webhook or an e-mail address to alerts on channels (analyst key).");
        api.MapDelete("/subscriptions/{id:guid}", End).RequireAuthorization(Roles.Analyst)
            .WithSummary("End a subscription (analyst key).");
    }

    private static async Task<IResult> Start(HttpRequest request, DecidingWriter writer, ReadModel model,
        WebhookTargets targets, WebhookAddresses addresses, CancellationToken ct)
    {
        var (draft, problem) = await JsonBody.ReadAsync<SubscriptionDraft>(request, ct);
        if (problem is not null) return problem;
        var (subscription, errors) = SubscriptionValidation.Validate(Guid.CreateVersion7(), draft!, model.Board.Catalog, targets);
        if (subscription is null) return Problems.Invalid(errors);
        if (subscription.Webhook is { } hook && await addresses.RefusalAsync(new Uri(hook.Url), ct) is { } refusal)
            return Problems.Invalid("webhook.url", refusal);
        await writer.WriteAsync(AlertStreams.Subscriptions,
            m => (true, m.Subscriptions.Revision, AlertStreams.SubscriptionCodec.Encode(new SubscriptionStarted(subscription))), ct);
        return Results.Created($"/api/subscriptions/{subscription.Id}", SubscriptionView.Of(subscription));
    }

    private static async Task<IResult> End(Guid id, DecidingWriter writer, CancellationToken ct)
    {
        var (found, _) = await writer.WriteAsync(AlertStreams.Subscriptions, m => m.Subscriptions.Find(id) is null
            ? (false, m.Subscriptions.Revision, null)
            : (true, m.Subscriptions.Revision, AlertStreams.SubscriptionCodec.Encode(new SubscriptionEnded(id))), ct);
        return found ? Results.NoContent() : Problems.NotFound($"No subscription {id} in force.");
    }
}

/// <summary>A subscription as shown: where its alerts go, without the webhook's secret.</summary>
public sealed record SubscriptionView(Guid Id, IReadOnlyList<string> Channels, IReadOnlyList<AlertKind> Kinds, WebhookView? Webhook, string? Email)
{
    public static SubscriptionView Of(Subscription s) =>
        new(s.Id, s.Channels, s.Kinds, s.Webhook is null ? null : new WebhookView(s.Webhook.Url), s.Email);
}

public sealed record WebhookView(string Url);
