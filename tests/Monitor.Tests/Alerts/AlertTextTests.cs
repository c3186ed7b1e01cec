using Monitor.Alerts;
using Monitor.Alerts.Delivery;
using Monitor.Channels;

namespace Monitor.Tests.Alerts;

/// <summary>Each kind of alert in words, as e-mails carry it: the texts below are what the version before the alert cases wrote.</summary>
public sealed class AlertTextTests
{
    private static readonly ChannelCatalog Catalog = new([
        new Channel("military", "Military-to-military", "-"), new Channel("defense-minister", "Defense ministers", "-"),
        new Channel("theater-commander", "Theater commanders", "-")]);

    private static readonly Subscription Subscriber =
        new(Guid.Empty, ["military", "defense-minister"], [AlertKind.Digest], null, "watch@example.org");

    public static TheoryData<AlertKind, string, string> Texts => new()
    {
        { AlertKind.StatusChanged, "[Monitor] Military-to-military: suspended → active (retroactive)", """
            The Military-to-military channel is now active; it was suspended.

            Retroactive: a late report or a correction changed the current status.

            Development: contact-held on 18–20 Nov 2025 (source-added): Talks held "in person" <at> the Pentagon & é

            """ },
        { AlertKind.HistoryRevised, "[Monitor] Military-to-military: past statuses revised", """
            A late report or a correction rewrote the Military-to-military channel's past; it is still active.

            Development: contact-held on 18–20 Nov 2025 (retracted): Talks held "in person" <at> the Pentagon & é

            """ },
        { AlertKind.QuietChannel, "[Monitor] Theater commanders: quiet for 34 days", """
            No development on the Theater commanders channel since 25 Feb 2026 (34 days); it is pending.

            Development: restoration-agreed on 25 Feb 2026: Talks held "in person" <at> the Pentagon & é

            """ },
        { AlertKind.PendingOverdue, "[Monitor] Defense ministers: pending for 24 days", """
            The Defense ministers channel has been pending since 25 Feb 2026 (24 days) with no contact held.

            Development: restoration-agreed on 25 Feb 2026: Talks held "in person" <at> the Pentagon & é

            """ },
        { AlertKind.Digest, "[Monitor] Daily digest for 2026-03-01", """
            Military-to-military: pending since 25 Feb 2026

            Defense ministers: unknown

            No status changes in the last day.

            """ },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Each_kind_of_alert_reads_as_before(AlertKind kind, string subject, string text)
    {
        var written = AlertText.Of(AlertSamples.Of(kind), Catalog, Subscriber, []);

        Assert.Equal((subject, text), (written.Subject, written.PlainText()));
    }

    [Fact]
    public void A_digest_lists_the_status_changes_of_the_day_before_it()
    {
        var written = AlertText.Of(AlertSamples.Digest, Catalog, Subscriber, [(Alert.StatusChanged)AlertSamples.StatusChanged]);

        Assert.Equal("""
            <html><body><p>Military-to-military: pending since 25 Feb 2026</p><p>Defense ministers: unknown</p><p>Changes in the last day (1):</p><p>Military-to-military: suspended → active — Talks held &quot;in person&quot; &lt;at&gt; the Pentagon &amp; &#233;</p></body></html>
            """, written.Html());
    }
}
