using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
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
        api.MapGet("/alerts", List);
        api.MapGet("/alerts/stream", Stream);
    }

    /// <summary>
    /// Newest first, each with every recipient's delivery: pending, delivered or failed. Analysts also see why a
    /// delivery failed and where it went; others do not learn the receivers' hosts or how they answer.
    /// </summary>
    private static IResult List(ReadModel model, ClaimsPrincipal user, string? channel, string? kind, string? outcome, int? limit)
    {
        var errors = new List<Recording.FieldError>();
        if (channel is not null && !model.Board.Catalog.Contains(channel)) errors.Add(new("channel", $"Unknown channel '{channel}'."));
        var kindWanted = Filter<AlertKind>(kind, "kind", errors);
        var outcomeWanted = Filter<DeliveryOutcome>(outcome, "outcome", errors);
        if (limit is < 1 or > MaxPage) errors.Add(new("limit", $"Must be from 1 to {MaxPage}."));
        if (errors.Count > 0) return Problems.Invalid(errors);
        var analyst = user.IsInRole(Roles.Analyst);
        return Results.Ok(model.Read(m => m.Alerts.Latest
            .Where(a => channel is null || a.Alert.Channel == channel)
            .Where(a => kindWanted is null || a.Alert.Kind == kindWanted)
            .Where(a => outcomeWanted is null || a.Deliveries.Values.Any(d => d.Outcome == outcomeWanted))
            .Take(limit ?? 50)
            .Select(a => View(a, analyst ? m.Subscriptions : null))
            .ToList()));
    }

    private static T? Filter<T>(string? given, string field, List<Recording.FieldError> errors) where T : struct, Enum
    {
        if (given is null) return null;
        if (WireName.TryParse<T>(given, out var value)) return value;
        errors.Add(new(field, $"'{given}' is not one of {string.Join(", ", WireName.All<T>())}."));
        return null;
    }

    /// <summary>The alert as webhooks receive it, plus its position and deliveries; with the subscriptions, their errors and receivers.</summary>
    private static JsonNode View(RaisedAlert raised, SubscriptionBook? forAnalyst)
    {
        var view = JsonSerializer.SerializeToNode(raised.Alert, MonitorJson.Options)!;
        view["position"] = raised.Position;
        view["deliveries"] = JsonSerializer.SerializeToNode(raised.Deliveries.Select(d => new
        {
            subscription = d.Key, outcome = WireName.Of(d.Value.Outcome), d.Value.Attempts, d.Value.At,
            error = forAnalyst is null ? null : d.Value.Error,
            receiver = forAnalyst?.Find(d.Key) is { } subscription ? ReceiverOf(subscription) : null,
        }), MonitorJson.Options);
        return view;
    }

    /// <summary>The webhook's host (its path and query may hold the receiver's token), or the e-mail address.</summary>
    private static string? ReceiverOf(Subscription subscription) =>
        subscription.Webhook is { } hook ? new Uri(hook.Url).Host : subscription.Email;

    /// <summary>
    /// Server-sent events, one per alert raised from now on (id: its log position). A client that
    /// reconnects with Last-Event-ID first gets every alert raised after that one.
    /// </summary>
    private static async Task Stream(HttpContext http, ReadModel model, AlertBroadcast broadcast, IHostApplicationLifetime lifetime, string? channel)
    {
        // Ends with the client or with the server: an open stream must not hold up shutdown.
        using var both = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = both.Token;
        if (channel is not null && !model.Board.Catalog.Contains(channel))
        {
            await Problems.Invalid("channel", $"Unknown channel '{channel}'.").ExecuteAsync(http);
            return;
        }
        long? resumeAfter = long.TryParse(http.Request.Headers["Last-Event-ID"], out var after) ? after : null;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.Body.FlushAsync(ct); // the client sees the stream open before the first alert
        try
        {
            await SseFormatter.WriteAsync(Events(model, broadcast, channel, resumeAfter, ct), http.Response.Body,
                (item, buffer) =>
                {
                    using var json = new Utf8JsonWriter(buffer);
                    JsonSerializer.Serialize(json, item.Data, MonitorJson.Options);
                }, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async IAsyncEnumerable<SseItem<Alert>> Events(
        ReadModel model, AlertBroadcast broadcast, string? channel, long? resumeAfter, [EnumeratorCancellation] CancellationToken ct)
    {
        var sent = resumeAfter ?? model.Read(m => m.Alerts.LastPosition);
        while (!ct.IsCancellationRequested)
        {
            var wake = broadcast.Next;
            foreach (var alert in model.Read(m => m.Alerts.After(sent).ToList()))
            {
                sent = alert.Position;
                if (channel is null || alert.Alert.Channel == channel) yield return Item(alert);
            }
            await wake.WaitAsync(ct);
        }
    }

    private static SseItem<Alert> Item(RaisedAlert raised) =>
        new(raised.Alert, "alert") { EventId = raised.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
