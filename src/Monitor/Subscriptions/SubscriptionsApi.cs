using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Alerts;
using Monitor.Alerts.Delivery;
using Monitor.Auth;
using Monitor.EventStore;
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
            TypedResults.Ok(model.Read(m => m.Subscriptions.Active.Select(SubscriptionView.Of).ToList()))).RequireAuthorization(Roles.Analyst)
            .WithSummary("Subscriptions in force, without their secrets (analyst key).");
        api.MapPost("/subscriptions", Start).RequireAuthorization(Roles.Analyst).ProducesProblem(400)
            .WithSummary("Subscribe a webhook or an e-mail address to alerts on channels (analyst key).");
        api.MapDelete("/subscriptions/{id:guid}", End).RequireAuthorization(Roles.Analyst).ProducesProblem(404)
            .WithSummary("End a subscription (analyst key).");
    }

    private static async Task<Results<Created<SubscriptionView>, ProblemHttpResult>> Start(HttpRequest request, DecidingWriter writer, ReadModel model,
        WebhookTargets targets, WebhookAddresses addresses, CancellationToken ct)
    {
        var (draft, problem) = await JsonBody.ReadAsync<SubscriptionDraft>(request, ct);
        if (problem is not null) return problem;
        var decision = SubscriptionDecider.Start(Guid.CreateVersion7(), draft!, model.Board.Catalog, targets);
        if (decision is not SubscriptionDecision.Accepted { Event: SubscriptionStarted { Subscription: var subscription } } accepted)
            return Refusal(decision);
        // Resolving the webhook's host is I/O, so it is checked here rather than in the pure decision.
        if (subscription.Webhook is { } hook && await addresses.RefusalAsync(new Uri(hook.Url), ct) is { } refusal)
            return Problems.Invalid("webhook.url", refusal);
        await writer.WriteAsync(AlertStreams.Subscriptions, _ => (accepted, SubscriptionCodec.Encode(accepted.Event)), ct);
        return TypedResults.Created($"/api/subscriptions/{subscription.Id}", SubscriptionView.Of(subscription));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> End(Guid id, DecidingWriter writer, CancellationToken ct)
    {
        var (decision, _) = await writer.WriteAsync(AlertStreams.Subscriptions, m => SubscriptionDecider.End(id, m.Subscriptions) switch
        {
            SubscriptionDecision.Accepted accepted => ((SubscriptionDecision)accepted, SubscriptionCodec.Encode(accepted.Event)),
            var refused => (refused, (EventData?)null),
        }, ct);
        return decision is SubscriptionDecision.Accepted ? TypedResults.NoContent() : Refusal(decision);
    }

    private static ProblemHttpResult Refusal(SubscriptionDecision decision) => decision switch
    {
        SubscriptionDecision.Invalid invalid => Problems.Invalid(invalid.Errors),
        SubscriptionDecision.NotFound notFound => Problems.NotFound($"No subscription {notFound.Id} in force."),
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };
}

/// <summary>A subscription as shown: where its alerts go, without the webhook's secret.</summary>
public sealed record SubscriptionView(Guid Id, IReadOnlyList<string> Channels, IReadOnlyList<AlertKind> Kinds, WebhookView? Webhook, string? Email)
{
    public static SubscriptionView Of(Subscription s) =>
        new(s.Id, s.Channels, s.Kinds, s.Webhook is null ? null : new WebhookView(s.Webhook.Url), s.Email);
}

public sealed record WebhookView(string Url);
