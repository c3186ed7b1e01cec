using Monitor.Alerts;
using Monitor.Channels;

namespace Monitor.Tests.Alerts;

public class SubscriptionValidationTests
{
    private static readonly ChannelCatalog Catalog = new(ChannelCatalog.Defaults);
    private static readonly WebhookDraft Hook = new("https://receiver.example.org/monitor", "s3cret");

    [Fact]
    public void A_webhook_subscription_gets_status_changes_by_default()
    {
        var (subscription, errors) = Validate(new SubscriptionDraft(["military", "military"], null, Hook, null));

        Assert.Empty(errors);
        Assert.Equal(["military"], subscription!.Channels);
        Assert.Equal([AlertKind.StatusChanged], subscription.Kinds);
        Assert.Equal(new Webhook("https://receiver.example.org/monitor", "s3cret"), subscription.Webhook);
        Assert.True(subscription.Wants(AlertKind.StatusChanged, "military"));
        Assert.False(subscription.Wants(AlertKind.StatusChanged, "defense-minister"));
        Assert.False(subscription.Wants(AlertKind.HistoryRevised, "military"));
    }

    [Fact]
    public void A_digest_subscriber_wants_the_digest_whatever_channel_it_covers()
    {
        var (subscription, errors) = Validate(new SubscriptionDraft(["defense-minister"], ["digest", "quiet-channel"], null, "analyst@example.org"));

        Assert.Empty(errors);
        Assert.True(subscription!.Wants(AlertKind.Digest, null));
        Assert.True(subscription.Wants(AlertKind.QuietChannel, "defense-minister"));
    }

    [Theory]
    [InlineData("http://93.184.216.34:8080/hook", null)]
    [InlineData("ftp://example.org/hook", "webhook.url")]
    [InlineData("/relative/hook", "webhook.url")]
    [InlineData("https://user:pass@example.org/hook", "webhook.url")]
    [InlineData("", "webhook.url")]
    public void A_webhook_url_must_be_absolute_http_or_https_without_credentials(string url, string? field) =>
        Assert.Equal(field, Validate(new SubscriptionDraft(["military"], null, new WebhookDraft(url, "s"), null)).Errors.SingleOrDefault()?.Field);

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:192.168.1.1]/hook")]
    [InlineData("http://2130706433/hook")] // 127.0.0.1 written as one number
    public void A_webhook_to_a_private_address_is_refused_unless_private_networks_are_allowed(string url)
    {
        var draft = new SubscriptionDraft(["military"], null, new WebhookDraft(url, "s"), null);

        var refusal = Assert.Single(Validate(draft).Errors);
        Assert.Equal("webhook.url", refusal.Field);
        Assert.Contains("AllowPrivateNetworks", refusal.Message);
        Assert.Empty(SubscriptionValidation.Validate(Guid.NewGuid(), draft, Catalog, new WebhookTargets(true, [])).Errors);
    }

    [Theory]
    [InlineData(SubscriptionValidation.MaxUrl, null)]
    [InlineData(SubscriptionValidation.MaxUrl + 1, "webhook.url")]
    [InlineData(60_000, "webhook.url")]
    public void A_webhook_url_has_at_most_2048_characters(int length, string? field)
    {
        const string start = "https://example.org/";
        var url = start + new string('a', length - start.Length);

        Assert.Equal(field, Validate(new SubscriptionDraft(["military"], null, new WebhookDraft(url, "s"), null)).Errors.SingleOrDefault()?.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_webhook_needs_a_secret(string? secret) =>
        Assert.Equal("webhook.secret", Validate(new SubscriptionDraft(["military"], null, Hook with { Secret = secret }, null)).Errors.Single().Field);

    [Theory]
    [InlineData("analyst@example.org", true)]
    [InlineData("analyst", false)]
    [InlineData("analyst@localhost", false)]
    [InlineData("Analyst <analyst@example.org>", false)]
    [InlineData("a b@example.org", false)]
    public void An_email_target_is_one_plain_address(string address, bool valid) =>
        Assert.Equal(valid, Validate(new SubscriptionDraft(["military"], null, null, address)).Errors.Count == 0);

    [Theory]
    [InlineData("webhook.url")]
    [InlineData("webhook.secret")]
    [InlineData("email")]
    public void A_control_bidi_or_invisible_character_is_refused_naming_the_field(string field)
    {
        var draft = field switch
        {
            "webhook.url" => new SubscriptionDraft(["military"], null, Hook with { Url = "https://receiver.example.org/\u202Ekoob" }, null),
            "webhook.secret" => new SubscriptionDraft(["military"], null, Hook with { Secret = "s3cret\u0000" }, null),
            _ => new SubscriptionDraft(["military"], null, null, "analyst@example.org\u200B"),
        };
        var error = Validate(draft).Errors.Single();
        Assert.Equal(field, error.Field);
        Assert.Contains("U+", error.Message);
    }

    [Fact]
    public void Every_fault_is_named_at_once()
    {
        var fields = Validate(new SubscriptionDraft(["navy"], ["all", "digest"], null, null)).Errors.Select(e => e.Field).ToList();

        Assert.Equal(["channels[0]", "kinds[0]", "webhook", "kinds"], fields);
    }

    [Fact]
    public void Exactly_one_target()
    {
        Assert.Equal("webhook", Validate(new SubscriptionDraft(["military"], null, Hook, "a@example.org")).Errors.Single().Field);
        Assert.Equal("channels", Validate(new SubscriptionDraft([], null, Hook, null)).Errors.Single().Field);
    }

    private static (Subscription? Subscription, IReadOnlyList<Monitor.Recording.FieldError> Errors) Validate(SubscriptionDraft draft) =>
        SubscriptionValidation.Validate(Guid.NewGuid(), draft, Catalog, new WebhookTargets(allowPrivateNetworks: false, []));
}
