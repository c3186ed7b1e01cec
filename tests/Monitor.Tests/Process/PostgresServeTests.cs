using System.Net;
using Monitor.Tests.Api;
using Monitor.Tests.EventStore;

namespace Monitor.Tests.Process;

/// <summary>`monitor serve` with Monitor:Store=postgres: the real program on the real server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServeTests(PostgresServer postgres)
{
    private const string Key = "postgres-serve-analyst-key";

    [Fact]
    public async Task Serve_keeps_the_log_in_postgres_and_acknowledged_writes_survive_kill_9()
    {
        string[] settings = ["Monitor:Store=postgres", "ConnectionStrings:Postgres=" + await postgres.CreateDatabaseAsync()];
        var acknowledged = new List<string>();
        using (var data = new TempFolder())
        using (var server = await ServerProcess.StartAsync(data.Path, Key, settings))
        {
            using var http = server.Client(Key);
            for (var day = 1; day <= 10; day++)
            {
                var response = await http.PostAsync("/api/developments", ApiJson.Body(ApiJson.Development(occurredOn: $"2020-01-{day:00}")));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged.Add((await response.ReadJson()).GetProperty("id").GetString()!);
            }
            server.KillHard();
        }

        // Another data folder: everything served comes from the database.
        using var elsewhere = new TempFolder();
        using var restarted = await ServerProcess.StartAsync(elsewhere.Path, Key, settings);
        using var reader = restarted.Client(Key);
        foreach (var id in acknowledged) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/developments/{id}")).StatusCode);
        var total = (await reader.GetJson("/api/developments?limit=1")).GetProperty("total").GetInt32();
        Assert.True(total >= 16 + acknowledged.Count, $"{total} developments: the seeds were loaded again, or writes were lost");
    }

    [Fact]
    public async Task Serve_refuses_to_start_naming_ConnectionStrings_Postgres_when_it_is_missing_wrong_or_out_of_reach()
    {
        using var data = new TempFolder();
        var missing = await ServerProcess.RefusalAsync(data.Path, new Dictionary<string, string> { ["Monitor__Store"] = "postgres" });
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("ConnectionStrings:Postgres is not set", missing.Output);

        var password = await RefusalAsync(data, postgres.ConnectionString("postgres", password: "not-the-password"));
        Assert.Equal(1, password.ExitCode);
        Assert.Contains("correct Username and Password in ConnectionStrings:Postgres", password.Output);
        Assert.DoesNotContain("not-the-password", password.Output);

        var closed = await RefusalAsync(data, $"Host=127.0.0.1;Port=1;Database=monitor;Username={PostgresServer.User};Password=x");
        Assert.Equal(1, closed.ExitCode);
        Assert.Contains("cannot be reached", closed.Output);
        Assert.Contains("start the server, or correct ConnectionStrings:Postgres", closed.Output);
    }

    private static Task<(int ExitCode, string Output)> RefusalAsync(TempFolder data, string connectionString)
    {
        var environment = new Dictionary<string, string> { ["Monitor__Store"] = "postgres", ["ConnectionStrings__Postgres"] = connectionString };
        return ServerProcess.RefusalAsync(data.Path, environment);
    }
}
