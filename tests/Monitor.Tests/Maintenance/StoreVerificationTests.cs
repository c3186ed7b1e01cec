using System.Text;
using Monitor.Alerts;
using Monitor.Bench;
using Monitor.EventStore;
using Monitor.Maintenance;
using Monitor.Recording;
using Monitor.Subscriptions;

namespace Monitor.Tests.Maintenance;

/// <summary>What `monitor verify` checks over the events it reads (the file-level checks run against real stores in Process/).</summary>
public sealed class StoreVerificationTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly SyntheticLedger _ledger = new(10);

    [Fact]
    public void A_whole_log_is_summarised()
    {
        var summary = StoreVerification.Walk([Ledger(1, 0), Ledger(2, 1), Subscription(3, 0), Ledger(4, 2)]);
        Assert.Equal(new StoreSummary(4, 3, 2, Start.AddMinutes(1), Start.AddMinutes(4)), summary);
    }

    [Fact]
    public void A_missing_position_is_named()
    {
        var damage = Assert.Throws<StoreDamagedException>(() => StoreVerification.Walk([Ledger(1, 0), Ledger(3, 1)]));
        Assert.Contains("The event at position 3 ", damage.Message);
        Assert.Contains("position 2 is missing", damage.Message);
    }

    [Fact]
    public void A_revision_out_of_its_stream_s_order_is_named()
    {
        var damage = Assert.Throws<StoreDamagedException>(() => StoreVerification.Walk([Ledger(1, 0), Ledger(2, 2)]));
        Assert.Contains("revision 1 of 'ledger' should come next", damage.Message);
    }

    [Fact]
    public void An_event_no_codec_reads_is_named()
    {
        var garbled = Ledger(2, 1) with { Data = Encoding.UTF8.GetBytes("{\"developmentId\": 42") };
        Assert.Contains("The event at position 2 (stream 'ledger', revision 1",
            Assert.Throws<StoreDamagedException>(() => StoreVerification.Walk([Ledger(1, 0), garbled])).Message);

        var unknownType = Ledger(1, 0) with { Type = "development-teleported" };
        Assert.Contains("'development-teleported' is not a type of event that stream holds",
            Assert.Throws<StoreDamagedException>(() => StoreVerification.Walk([unknownType])).Message);

        var unknownStream = Ledger(1, 0) with { Stream = "ledgr" };
        Assert.Contains("this program writes no such stream", Assert.Throws<StoreDamagedException>(() => StoreVerification.Walk([unknownStream])).Message);
    }

    private RecordedEvent Ledger(long position, long revision) => Recorded(Monitor.Recording.Ledger.StreamName, position, revision, _ledger.Next());

    private static RecordedEvent Subscription(long position, long revision) => Recorded(AlertStreams.Subscriptions, position, revision,
        SubscriptionCodec.Encode(new SubscriptionEvent.SubscriptionEnded(Guid.NewGuid())));

    private static RecordedEvent Recorded(string stream, long position, long revision, EventData data) =>
        new(stream, revision, position, data.EventId, data.Type, data.Data, Start.AddMinutes(position));
}
