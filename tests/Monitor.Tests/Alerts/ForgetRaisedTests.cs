using Monitor.Alerts;
using Monitor.Alerts.Detection;
using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Projections;
using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Tests.Alerts;

/// <summary>
/// With a clustered scheduler, detection runs on one server or another: a server whose runs went elsewhere lets go
/// of the changes whose alerts the log shows raised, and keeps those still owed an alert.
/// </summary>
public class ForgetRaisedTests
{
    private static readonly DateTimeOffset At = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_server_lets_go_the_changes_another_server_raised_and_keeps_the_rest()
    {
        var model = new ReadModel(new ChannelCatalog(ChannelCatalog.Defaults));
        Append(model, Ledger.StreamName, LedgerCodec.Encode(Suspension("military", "2024-05-01")));
        Append(model, Ledger.StreamName, LedgerCodec.Encode(Suspension("theater-commander", "2024-05-02")));
        var (raised, owed) = (model.Changes.After(0)[0], model.Changes.After(0)[1]);

        // Another server's detection raised the first change's alert; its event reaches this server through the log.
        var id = AlertId.For(AlertKind.StatusChanged, raised.Channel, raised.EventId);
        var alert = new Alert.StatusChanged(id, raised.Channel, raised.From, raised.To, raised.Retroactive, raised.Development);
        Append(model, AlertStreams.Of(id), AlertCodec.Encode(new AlertEvent.AlertRaised(alert, [], At)));
        ChangeDetection.ForgetRaised(model);

        Assert.Equal([owed], model.Changes.After(0));
    }

    private static LedgerEvent Suspension(string channel, string day) =>
        new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), new DevelopmentFacts([channel], DevelopmentKind.Suspended, Period.Parse(day),
            "Talks suspended.", [], [new Source("Talks suspended", "Reuters", null, PartialDate.Of(2024, 5, 3), "talks were suspended")]));

    private static void Append(ReadModel model, string stream, EventData data)
    {
        var position = model.Checkpoint + 1;
        model.Apply([new RecordedEvent(stream, 0, position, data.EventId, data.Type, data.Data, At.AddMinutes(position))]);
    }
}
