using Microsoft.Extensions.Options;
using Monitor.EventStore;
using Monitor.Hosting;
using Monitor.Projections;
using Monitor.Status;

namespace Monitor.Alerts.Detection;

/// <summary>
/// Alerts that time itself raises: a channel gone quiet, a pending status left without contact, the
/// daily digest. Each id is derived from its cause (the quiet channel's latest development, the
/// development that made it pending, the digest's day), so each fires once however often this runs.
/// </summary>
public sealed class TimeBasedDetection(IEventStore store, ReadModel model, AlertRaiser raiser, TimeProvider clock, IOptions<MonitorOptions> options)
{
    public async Task RunAsync(CancellationToken ct)
    {
        // A half-rebuilt read model would make a busy channel look quiet, and a digest stale.
        await model.WaitForAsync(await store.HeadPositionAsync(ct), ct);
        var now = clock.GetUtcNow();
        var alerts = model.Read(m => Due(m, now, options.Value.Alerts).Select(a => new AlertToRaise(a)).ToList());
        await raiser.RaiseAsync(alerts, ct);
    }

    private static IEnumerable<Alert> Due(ReadModel m, DateTimeOffset now, AlertOptions rules)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var states = new List<ChannelState>();
        foreach (var channel in m.Board.Catalog.All)
        {
            if (m.Board.Timeline(channel.Id)?.Now.Latest is not { } latest)
            {
                states.Add(new ChannelState(channel.Id, StatusRules.Initial, null));
                continue;
            }
            var since = latest.SinceCause is { } cause ? Development(m, cause) : null;
            states.Add(new ChannelState(channel.Id, latest.Status, since?.OccurredOn));
            if (AlertRules.QuietFor(latest.CertainBy, today, rules.QuietAfterDays) is { } quiet && Development(m, latest.DevelopmentId) is { } last)
                yield return new Alert.QuietChannel(AlertId.For(AlertKind.QuietChannel, channel.Id, latest.DevelopmentId),
                    channel.Id, latest.Status, last.OccurredOn, quiet, last);
            if (since is not null && AlertRules.PendingFor(latest.Status, latest.Since, today, rules.PendingOverdueAfterDays) is { } pending)
                yield return new Alert.PendingOverdue(AlertId.For(AlertKind.PendingOverdue, channel.Id, since.Id),
                    channel.Id, since.OccurredOn, pending, since);
        }
        if (AlertRules.DigestDue(now, rules.DigestHourUtc) is { } day)
            yield return new Alert.Digest(AlertId.For(AlertKind.Digest, day.ToString("yyyy-MM-dd"), Guid.Empty), day, states);
    }

    private static AlertDevelopment? Development(ReadModel m, Guid id) =>
        m.Developments.Find(id)?.Current is { } facts ? new AlertDevelopment(id, facts.Kind, facts.OccurredOn, facts.Summary) : null;
}
