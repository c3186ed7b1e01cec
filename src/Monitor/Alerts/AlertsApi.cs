using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Alerts.Delivery;
using Monitor.Auth;
using Monitor.Http;
using Monitor.Json;
using Monitor.Projections;
using Monitor.Subscriptions;

namespace Monitor.Alerts;

public static class AlertsApi
{
    public const int MaxPage = 500;

    public static void MapAlertsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", List)
            .WithSummary("The latest alerts, newest first, with each delivery: pending, retrying, delivered or failed.");
        api.MapGet("/alerts/stream", AlertStream.Open)
            .WithSummary("Server-sent events: each alert as it is raised; resumes after Last-Event-ID.");
    }

    /// <summary>
    /// Newest first, each with every recipient's delivery: pending, retrying (with its next attempt), delivered or failed.
    /// Analysts also see why an attempt failed and where it went; others do not learn the receivers' hosts or how they answer.
    /// </summary>
    private static IResult List(ReadModel model, ClaimsPrincipal user, string? channel, string? kind, string? outcome, string? limit)
    {
        var errors = new List<Recording.FieldError>();
        if (channel is not null && !model.Board.Catalog.Contains(channel)) errors.Add(new("channel", model.Board.Catalog.Unknown(channel)));
        var kindWanted = Filter<AlertKind>(kind, "kind", errors);
        var outcomeWanted = Filter<DeliveryOutcome>(outcome, "outcome", errors);
        var take = QueryValues.Number(limit, nameof(limit), 1, MaxPage, absent: 50, errors);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var analyst = user.IsInRole(Roles.Analyst);
        return Results.Ok(model.Read(m => m.Alerts.Latest
            .Where(a => channel is null || a.Alert.OnChannel == channel)
            .Where(a => kindWanted is null || a.Alert.Kind == kindWanted)
            .Where(a => outcomeWanted is null || a.Deliveries.Values.Any(d => d.Outcome == outcomeWanted))
            .Take(take)
            .Select(a => View(a, analyst ? m.Subscriptions : null))
            .ToList()));
    }

    private static T? Filter<T>(string? given, string field, List<Recording.FieldError> errors) where T : struct, Enum
    {
        if (given is null) return null;
        if (WireName.TryParse<T>(given, out var value)) return value;
        errors.Add(new(field, $"{SafeText.Quote(given)} is not one of {string.Join(", ", WireName.All<T>())}."));
        return null;
    }

    /// <summary>The alert as webhooks receive it, plus its position and deliveries; with the subscriptions, their errors and receivers.</summary>
    private static JsonNode View(RaisedAlert raised, SubscriptionBook? forAnalyst)
    {
        var view = JsonSerializer.SerializeToNode(AlertJson.Of(raised), MonitorJson.Options)!;
        view["position"] = raised.Position;
        view["deliveries"] = JsonSerializer.SerializeToNode(raised.Deliveries.Select(d => new
        {
            subscription = d.Key,
            outcome = WireName.Of(d.Value.Outcome),
            d.Value.Attempts,
            d.Value.At,
            d.Value.NextAttemptAt,
            error = forAnalyst is null ? null : d.Value.Error,
            receiver = forAnalyst?.Find(d.Key) is { } subscription ? ReceiverOf(subscription) : null,
        }), MonitorJson.Options);
        return view;
    }

    /// <summary>The webhook's host (its path and query may hold the receiver's token), or the e-mail address.</summary>
    private static string? ReceiverOf(Subscription subscription) =>
        subscription.Webhook is { } hook ? new Uri(hook.Url).Host : subscription.Email;
}
