using Monitor.Alerts;
using Monitor.Recording;
using Monitor.Status;
using static Monitor.Alerts.AlertEvent;

namespace Monitor.Tests.Alerts;

/// <summary>The alert book's view of claims: what the next claim expects, and that a concluded delivery keeps none.</summary>
public sealed class DeliveryClaimTests
{
    private static readonly Guid AlertId = Guid.NewGuid();
    private static readonly Guid Subscriber = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Claims_count_on_per_delivery_and_the_latest_one_holds()
    {
        var book = Raised();
        Assert.Null(book.ClaimOf(AlertId, Subscriber));

        book.Apply(new AlertDeliveryClaimed(AlertId, Subscriber, 1, At.AddSeconds(25)), 2, At);
        book.Apply(new AlertDeliveryAttemptFailed(AlertId, Subscriber, 1, "http-500", At.AddSeconds(1)), 3, At);
        book.Apply(new AlertDeliveryClaimed(AlertId, Subscriber, 2, At.AddSeconds(26)), 4, At);

        Assert.Equal(new DeliveryClaim(2, 2, At.AddSeconds(26)), book.ClaimOf(AlertId, Subscriber));
    }

    [Fact]
    public void A_concluded_delivery_keeps_no_claim_and_a_late_claim_does_not_bring_it_back()
    {
        var book = Raised();
        book.Apply(new AlertDeliveryClaimed(AlertId, Subscriber, 1, At.AddSeconds(25)), 2, At);
        book.Apply(new AlertDelivered(AlertId, Subscriber, 1), 3, At);
        book.Apply(new AlertDeliveryClaimed(AlertId, Subscriber, 2, At.AddSeconds(30)), 4, At);

        Assert.Null(book.ClaimOf(AlertId, Subscriber));
        Assert.Empty(book.Pending);
    }

    private static AlertBook Raised()
    {
        var book = new AlertBook();
        var development = new AlertDevelopment(Guid.NewGuid(), DevelopmentKind.Suspended, Period.Parse("2026-02-28"), "Suspended.");
        var alert = new Alert.StatusChanged(AlertId, "military", ChannelStatus.Active, ChannelStatus.Suspended, false, development);
        book.Apply(new AlertRaised(alert, [Subscriber], At), 1, At);
        return book;
    }
}
