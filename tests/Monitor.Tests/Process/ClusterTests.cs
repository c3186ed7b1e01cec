using System.Diagnostics;
using System.Text.Json.Nodes;
using Monitor.Tests.Alerts;
using Monitor.Tests.Api;
using Monitor.Tests.Bus;
using Monitor.Tests.EventStore;
using Npgsql;

namespace Monitor.Tests.Process;

/// <summary>
/// Two `monitor serve` processes on one PostgreSQL (log and Quartz tables) and one RabbitMQ: what either records is
/// alerted once, delivered once, and a kill -9 of one of them loses and repeats nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresServer postgres, RabbitMqServer rabbit) : IClassFixture<RabbitMqServer>
{
    private const string Key = "cluster-analyst-key";

    [Fact]
    public async Task A_burst_recorded_through_two_servers_is_delivered_once_each_though_one_is_killed_mid_burst()
    {
        var settings = await SettingsAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var dataA = new TempFolder();
        using var dataB = new TempFolder();
        using var a = await ServerProcess.StartAsync(dataA.Path, Key, settings);
        using var b = await ServerProcess.StartAsync(dataB.Path, Key, settings);
        using var viaA = a.Client(Key);
        using var viaB = b.Client(Key);
        var subscription = AlertTesting.Webhook(receiver.Url, receiver.Secret);
        subscription["channels"] = new JsonArray("military", "theater-commander");
        await viaA.SubscribeAsync(subscription);

        // B flips one channel's status twelve times; A flips another six times and is killed; B flips it six more.
        var throughB = RecordFlipsAsync(viaB, "theater-commander", days: 1..12);
        await RecordFlipsAsync(viaA, "military", days: 1..6);
        // What A sends from now on is never accepted, so its death cannot lose an acknowledgement the receiver gave
        // (that alert would rightly come twice: the id is the same, for receivers to drop the second).
        receiver.Answer = _ => WebhookReceiver.Hang;
        await Task.Delay(1_000); // outcomes of what was accepted before are recorded by now
        a.KillHard();
        receiver.Answer = _ => 200;
        await RecordFlipsAsync(viaB, "military", days: 7..12);
        await throughB;

        // Every alert raised for the subscriber, by either server, reaches it once: lost with A neither before nor after sending.
        await Eventually.TrueAsync(async () => await OwedAsync(viaB) is { Count: 24 } all && all.All(id => receiver.Accepted.Any(r => r.Id == id)),
            "every alert raised by either server to be delivered", seconds: 90);
        await Task.Delay(3_000); // redeliveries and sweeps would show by now
        var owed = await OwedAsync(viaB);
        Assert.Equal(24, owed.Count);
        Assert.Equal(owed.Order(), receiver.Accepted.Select(r => r.Id).Order());
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));

        // Detection saved how far it got in the shared database, past every flip, wherever its runs landed.
        await using var database = new NpgsqlConnection(settings.Single(s => s.StartsWith("ConnectionStrings:Postgres=")).Split('=', 2)[1]);
        await database.OpenAsync();
        var lastFlip = await ScalarAsync(database, "SELECT MAX(position) FROM events WHERE stream = 'ledger'");
        const string saved = "SELECT COALESCE(MAX(position), 0) FROM checkpoints WHERE subscription = 'alert-detection'";
        await Eventually.TrueAsync(async () => await ScalarAsync(database, saved) >= lastFlip, "the shared detection checkpoint");
    }

    [Fact]
    public async Task Each_trigger_fires_on_one_server_and_each_server_reports_its_bus_and_scheduler()
    {
        var settings = await SettingsAsync("Monitor:Alerts:TimeCheckInterval=00:00:00.5", "Monitor:Alerts:QuietAfterDays=30");
        await using var receiver = await WebhookReceiver.StartAsync();
        using var dataA = new TempFolder();
        using var dataB = new TempFolder();
        var started = await Task.WhenAll(ServerProcess.StartAsync(dataA.Path, Key, settings), ServerProcess.StartAsync(dataB.Path, Key, settings));
        using var a = started[0];
        using var b = started[1];
        await a.Client(Key).SubscribeAsync(receiver, "military", "quiet-channel");
        await b.Client(Key).RecordAsync("contact-held", "2025-01-10"); // quiet for more than 30 days from the start
        await Eventually.TrueAsync(() => receiver.Accepted.Any(), "the quiet-channel alert", seconds: 60);

        // The clock check's trigger fires once for the cluster at each of its times, not once on each server: as many
        // firings as the times its next firing moved on by (every half second), not twice as many. Counted against
        // those times rather than the clock, as a loaded machine runs the scheduler late and it then fires the times
        // it missed back to back.
        await using var database = new NpgsqlConnection(settings.Single(s => s.StartsWith("ConnectionStrings:Postgres=")).Split('=', 2)[1]);
        await database.OpenAsync();
        Assert.Equal(2L, await ScalarAsync(database, "SELECT count(*) FROM qrtz_scheduler_state"));
        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM qrtz_triggers WHERE job_name = 'check-time'"));
        const string Fired = "SELECT sum(times_triggered)::bigint FROM qrtz_simple_triggers "
            + "JOIN qrtz_triggers USING (sched_name, trigger_name, trigger_group) WHERE job_name = 'check-time'";
        const string Next = "SELECT next_fire_time FROM qrtz_triggers WHERE job_name = 'check-time'";
        var (firedBefore, nextBefore) = (await ScalarAsync(database, Fired), await ScalarAsync(database, Next));
        await Task.Delay(6_000);
        var (fired, times) = (await ScalarAsync(database, Fired) - firedBefore,
            (await ScalarAsync(database, Next) - nextBefore) / TimeSpan.FromSeconds(0.5).Ticks);
        Assert.True(times >= 4, $"The trigger's next firing moved on by {times} times in 6 s.");
        Assert.InRange(fired, 1, times + 1); // read between a firing and its next time being stored: one ahead
        Assert.Single(receiver.Requests);

        foreach (var server in new[] { a, b })
        {
            var checks = (await server.Client(Key).GetJson("/health")).GetProperty("checks");
            Assert.Equal("healthy", checks.GetProperty("masstransit-bus").GetProperty("status").GetString());
            Assert.Equal("healthy", checks.GetProperty("scheduler").GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Serve_refuses_to_start_in_one_line_naming_the_setting_when_the_broker_or_the_scheduler_database_is_wrong()
    {
        using var data = new TempFolder();
        var missing = await RefusalAsync(data, ("Monitor__Bus", "rabbitmq"));
        Assert.Contains("ConnectionStrings:RabbitMq is not set", missing);

        var password = await RefusalAsync(data, ("Monitor__Bus", "rabbitmq"), ("ConnectionStrings__RabbitMq", rabbit.Uri("not-the-password")));
        Assert.Contains("refused the user: correct the user and password in ConnectionStrings:RabbitMq", password);
        Assert.DoesNotContain("not-the-password", password);

        var closed = await RefusalAsync(data, ("Monitor__Bus", "rabbitmq"), ("ConnectionStrings__RabbitMq", "amqp://guest:guest@127.0.0.1:1/"));
        Assert.Contains("cannot be reached", closed);

        var vhost = await RefusalAsync(data, ("Monitor__Bus", "rabbitmq"), ("ConnectionStrings__RabbitMq", rabbit.Uri(virtualHost: "nowhere")));
        Assert.Contains("virtual host 'nowhere'", vhost);

        var malformed = await RefusalAsync(data, ("Monitor__Bus", "rabbitmq"), ("ConnectionStrings__RabbitMq", "rabbit at home"));
        Assert.Contains("not an amqp:// URI", malformed);
        Assert.Contains("Monitor:Bus 'kafka' is not a bus", await RefusalAsync(data, ("Monitor__Bus", "kafka")));
        Assert.Contains("Monitor:Scheduler is 'postgres', but ConnectionStrings:Postgres is not set",
            await RefusalAsync(data, ("Monitor__Scheduler", "postgres")));
        var scheduler = await RefusalAsync(data, ("Monitor__Scheduler", "postgres"),
            ("ConnectionStrings__Postgres", postgres.ConnectionString("postgres", password: "not-the-password")));
        Assert.Contains("correct Username and Password in ConnectionStrings:Postgres", scheduler);
    }

    /// <summary>`serve` with these settings: it must exit 1 with one line saying why.</summary>
    private static async Task<string> RefusalAsync(TempFolder data, params (string Name, string Value)[] settings)
    {
        var (code, output) = await ServerProcess.RefusalAsync(data.Path, settings.ToDictionary(s => s.Name, s => s.Value));
        Assert.True(code == 1, $"exit code {code}: {output}");
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return output;
    }

    private async Task<string[]> SettingsAsync(params string[] more) =>
    [
        .. AlertTesting.FastSettings, "Monitor:SeedPath=", "Monitor:Smtp:Timeout=00:00:01", .. more,
        "Monitor:Store=postgres", "ConnectionStrings:Postgres=" + await postgres.CreateDatabaseAsync(),
        "Monitor:Bus=rabbitmq", "ConnectionStrings:RabbitMq=" + await rabbit.CreateVirtualHostAsync(),
        "Monitor:Scheduler=postgres",
    ];

    /// <summary>Suspended, held, suspended, ... on successive days of March 2025: each one changes the channel's status.</summary>
    private static async Task RecordFlipsAsync(HttpClient analyst, string channel, Range days)
    {
        for (var day = days.Start.Value; day <= days.End.Value; day++)
            await analyst.RecordAsync(day % 2 == 1 ? "suspended" : "contact-held", $"2025-03-{day:00}", channel);
    }

    /// <summary>The alerts raised for a subscriber (the clock's alerts for none are left out).</summary>
    private static async Task<List<string>> OwedAsync(HttpClient reader) =>
        [.. (await reader.GetJson("/api/alerts?limit=500")).EnumerateArray().Where(a => a.Deliveries().Any())
            .Select(a => a.GetProperty("id").GetString()!)];

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
