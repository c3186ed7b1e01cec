using Microsoft.Extensions.DependencyInjection;
using Monitor.Alerts.Detection;
using Monitor.EventStore;
using Monitor.Projections;
using Monitor.Tests.Api;

namespace Monitor.Tests.Alerts;

public sealed class RestartTests
{
    [Fact]
    public async Task Detection_that_runs_again_over_the_same_log_alerts_no_one_twice()
    {
        using var data = new TempFolder();
        await using var receiver = await WebhookReceiver.StartAsync();
        var first = new MonitorHost(data.Path, AlertTesting.FastSettings);
        await first.InitializeAsync();
        await first.Analyst.SubscribeAsync(receiver);
        await first.Analyst.RecordAsync("suspended", "2025-01-10");
        await Eventually.TrueAsync(() => receiver.Accepted.Any(), "the alert");
        var alertsBefore = (await first.Reader.GetJson("/api/alerts?kind=status-changed&limit=500")).GetArrayLength();
        // Detection saved how far it got beside the log, past the suspension it alerted on.
        var ledger = await first.Services.GetRequiredService<IEventStore>().ReadStreamAsync(Monitor.Recording.Ledger.StreamName, 0, 1000);
        var recorded = ledger[^1].Position;
        var checkpoints = first.Services.GetRequiredService<ISubscriptionCheckpoints>();
        await Eventually.TrueAsync(async () => await checkpoints.CheckpointOfAsync(DetectionCheckpoint.Subscription) >= recorded,
            "the saved checkpoint");
        await first.DisposeAsync();

        var second = new MonitorHost(data.Path, AlertTesting.FastSettings);
        await second.InitializeAsync();
        await Task.Delay(2_500); // detection runs at start and then every second
        Assert.Equal(alertsBefore, (await second.Reader.GetJson("/api/alerts?kind=status-changed&limit=500")).GetArrayLength());
        Assert.Single(receiver.Requests);
        Assert.Equal(0, second.Services.GetRequiredService<ReadModel>().Changes.Count);
        await second.DisposeAsync();
    }
}
