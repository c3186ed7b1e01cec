using Monitor.Alerts;
using Monitor.Channels;
using static Monitor.Alerts.SubscriptionEvent;

namespace Monitor.Tests.Alerts;

/// <summary>Given the subscriptions in force, when a command comes, then this event, or this refusal.</summary>
public class SubscriptionDeciderTests
{
    private static readonly ChannelCatalog Catalog = new(ChannelCatalog.Defaults);
    private static readonly WebhookTargets Targets = new(allowPrivateNetworks: false, allowedHosts: []);
    private static readonly Guid Id = Guid.CreateVersion7();

    private sealed class InForce(params Guid[] ids) : IKnownSubscriptions
    {
        public bool IsInForce(Guid id) => ids.Contains(id);
    }

    [Fact]
    public void A_valid_draft_starts_a_subscription_with_the_new_id()
    {
        var decision = SubscriptionDecider.Start(Id, new SubscriptionDraft(["military"], null, null, "analyst@example.org"), Catalog, Targets);

        var started = Assert.IsType<SubscriptionStarted>(Assert.IsType<SubscriptionDecision.Accepted>(decision).Event);
        Assert.Equal(Id, started.Subscription.Id);
        Assert.Equal("analyst@example.org", started.Subscription.Email);
    }

    [Fact]
    public void A_draft_at_fault_starts_nothing_and_names_each_field()
    {
        var decision = SubscriptionDecider.Start(Id, new SubscriptionDraft(["navy"], ["sometimes"], null, null), Catalog, Targets);

        var fields = Assert.IsType<SubscriptionDecision.Invalid>(decision).Errors.Select(e => e.Field);
        Assert.Equal(["channels[0]", "kinds[0]", "webhook"], fields);
    }

    [Fact]
    public void Given_a_subscription_in_force_ending_it_appends_its_end()
    {
        var decision = SubscriptionDecider.End(Id, new InForce(Id));

        Assert.Equal(new SubscriptionEnded(Id), Assert.IsType<SubscriptionDecision.Accepted>(decision).Event);
    }

    [Fact]
    public void Given_none_in_force_or_one_ended_already_ending_it_is_not_found()
    {
        Assert.Equal(new SubscriptionDecision.NotFound(Id), SubscriptionDecider.End(Id, new InForce()));
        Assert.Equal(new SubscriptionDecision.NotFound(Id), SubscriptionDecider.End(Id, new InForce(Guid.CreateVersion7())));
    }
}
