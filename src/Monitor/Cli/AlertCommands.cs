using System.CommandLine;
using System.Text.Json;
using Monitor.Alerts;
using static Monitor.Cli.ClientCommands;

namespace Monitor.Cli;

/// <summary>subscribe, unsubscribe, subscriptions, alerts.</summary>
public static class AlertCommands
{
    public static IEnumerable<Command> All() => [Subscribe(), Unsubscribe(), Subscriptions(), Alerts()];

    private static Command Subscribe()
    {
        var channels = new Option<string[]>("--channel") { Description = "A channel to watch (repeat for more).", Required = true, AllowMultipleArgumentsPerToken = true };
        var kinds = new Option<string[]>("--kind")
        {
            Description = $"Alert kinds (repeat; default status-changed): {string.Join(", ", WireName.All<AlertKind>())}.",
        };
        var webhook = new Option<string?>("--webhook") { Description = "Deliver by POST to this http(s) URL, signed with --secret." };
        var secret = new Option<string?>("--secret") { Description = "The webhook's signing secret (HMAC-SHA256)." };
        var email = new Option<string?>("--email") { Description = "Deliver by e-mail to this address instead." };
        var command = new Command("subscribe", "Subscribe a webhook or an e-mail address to alerts about channels.")
        {
            channels, kinds, webhook, secret, email, Key, ClientCommands.Json, Server,
        };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var hook = parsed.GetValue(webhook) is { } url ? new WebhookDraft(url, parsed.GetValue(secret)) : null;
            var kindNames = parsed.GetValue(kinds) is { Length: > 0 } k ? k : null;
            var json = await client.PostAsync("/api/subscriptions", new SubscriptionDraft(parsed.GetValue(channels), kindNames, hook, parsed.GetValue(email)), ct);
            Print(parsed, json, () => Console.WriteLine($"Subscribed {Output.Text(json, "id")}."));
        }));
        return command;
    }

    private static Command Unsubscribe()
    {
        var id = new Argument<Guid>("id") { Description = "The subscription to end." };
        var command = new Command("unsubscribe", "End a subscription: no alert raised from now on is sent to it.") { id, Key, Server };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            await client.DeleteAsync($"/api/subscriptions/{parsed.GetValue(id)}", ct);
            Console.WriteLine($"Ended {parsed.GetValue(id)}.");
        }));
        return command;
    }

    private static Command Subscriptions()
    {
        var command = new Command("subscriptions", "The subscriptions in force (secrets are never shown).") { Key, ClientCommands.Json, Server };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var json = await client.GetAsync("/api/subscriptions", ct);
            Print(parsed, json, () =>
            {
                foreach (var s in json.EnumerateArray())
                {
                    var target = s.TryGetProperty("webhook", out var hook) ? Output.Text(hook, "url") : Output.Text(s, "email");
                    Console.WriteLine($"{Output.Text(s, "id")}  {Joined(s, "channels"),-40} {Joined(s, "kinds"),-30} {target}");
                }
            });
        }));
        return command;
    }

    private static Command Alerts()
    {
        var channel = new Option<string?>("--channel") { Description = "Only alerts about this channel." };
        var outcome = new Option<string?>("--outcome") { Description = "Only alerts with a delivery pending, retrying, delivered or failed." };
        var command = new Command("alerts", "The latest alerts and how their deliveries went.") { channel, outcome, Key, ClientCommands.Json, Server };
        command.SetAction((parsed, ct) => Run(parsed, async client =>
        {
            var json = await client.GetAsync("/api/alerts" + Query(("channel", parsed.GetValue(channel)), ("outcome", parsed.GetValue(outcome))), ct);
            Print(parsed, json, () =>
            {
                foreach (var a in json.EnumerateArray())
                {
                    var change = a.TryGetProperty("from", out _) ? $"{Output.Text(a, "from")} → {Output.Text(a, "to")}" : "";
                    var deliveries = a.GetProperty("deliveries").EnumerateArray().GroupBy(Delivery).Select(g => $"{g.Count()} {g.Key}");
                    Console.WriteLine($"{a.GetProperty("raisedAt").GetDateTimeOffset():yyyy-MM-dd HH:mm:ss}  {Output.Text(a, "kind"),-16} "
                        + $"{(Output.Text(a, "channel") is { Length: > 0 } c ? c : "all"),-18} {change,-22} {string.Join(", ", deliveries)}");
                }
            });
        }));
        return command;
    }

    /// <summary>
    /// "delivered"; or, for one still being retried or given up, after how many attempts and why (analysts see why),
    /// and when the next attempt is due.
    /// </summary>
    private static string Delivery(JsonElement d)
    {
        var outcome = Output.Text(d, "outcome");
        if (outcome is not ("retrying" or "failed")) return outcome;
        var attempts = d.GetProperty("attempts").GetInt32();
        var why = Output.Text(d, "error") is { Length: > 0 } error ? $", last {error}" : "";
        var next = d.TryGetProperty("nextAttemptAt", out var at) && at.ValueKind == JsonValueKind.String
            ? $", next at {at.GetDateTimeOffset():HH:mm:ss}" : "";
        return $"{outcome} ({attempts} attempt{(attempts == 1 ? "" : "s")}{why}{next})";
    }

    private static string Joined(JsonElement e, string name) =>
        SafeText.Visible(string.Join(",", e.GetProperty(name).EnumerateArray().Select(v => v.GetString())));
}
