using System.Text.Json;
using Monitor.Channels;
using Monitor.Json;
using Monitor.Projections;
using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Tests.Status;

/// <summary>
/// The changes a feed lists, found without making every interval's view: the same as taking each timeline whole,
/// pairing every interval with the status before it, and keeping those whose causes were recorded last.
/// </summary>
public class LatestChangesTests
{
    private static readonly ChannelCatalog Catalog = new(ChannelCatalog.Defaults);
    private static readonly DateOnly Today = new(2026, 1, 1);

    [Theory]
    [InlineData(21, 1)]
    [InlineData(22, 10)]
    [InlineData(23, 100)]
    [InlineData(24, 1_000)]
    public void They_are_the_whole_timelines_changes_latest_recorded_first(int seed, int count)
    {
        var model = RandomLedger(seed);

        foreach (var channels in Catalog.All.Select(c => (IReadOnlyList<Channel>)[c]).Append(Catalog.All))
        {
            var expected = ByWholeTimelines(model, channels, count);
            var found = model.Read(m => m.LatestChanges(channels, Today, count));

            Assert.NotEmpty(found);
            Assert.Equal(Json(expected), Json(found));
        }
    }

    private static List<ChangeView> ByWholeTimelines(ReadModel m, IReadOnlyList<Channel> channels, int count) =>
        channels.SelectMany(channel =>
            {
                var intervals = m.Timeline(channel, new Moment(Today, null, null)).Intervals;
                return intervals.Select((interval, i) => new ChangeView(channel, i == 0 ? ChannelStatus.Unknown : intervals[i - 1].Status, interval));
            })
            .OrderByDescending(c => c.Interval.Cause.RecordedAt).ThenByDescending(c => c.Interval.CertainFrom)
            .Take(count)
            .ToList();

    private static string Json(List<ChangeView> changes) =>
        JsonSerializer.Serialize(changes.Select(c => new { c.Channel.Id, c.From, c.Interval }), MonitorJson.Options);

    // Some events recorded in the same hour, so that ties in recording time are ordered too.
    private static ReadModel RandomLedger(int seed) =>
        ReplayTests.RandomLedger(new Random(seed), 300, position => new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(position / 2 * 5)).Model;
}
