using Monitor.Recording;
using Monitor.Status;
using static Monitor.Recording.DevelopmentKind;

namespace Monitor.Tests.Status;

public class ChannelTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TimelineEntry Entry(string date, DevelopmentKind kind, long order, int minute, Guid? id = null)
    {
        PartialDate.TryParse(date, out var occurredOn, out _);
        return new TimelineEntry(occurredOn, order, id ?? Guid.NewGuid(), kind, T0.AddMinutes(minute));
    }

    [Fact]
    public void A_late_backdated_development_changes_the_past_but_not_what_was_known_before_it()
    {
        var timeline = new ChannelTimeline();
        timeline.Add(Entry("2022-08", Suspended, 1, 0));
        timeline.Add(Entry("2023-12", ContactHeld, 2, 1));
        timeline.Add(Entry("2023-06", ContactHeld, 3, 10)); // learnt late

        var july = new DateOnly(2023, 7, 15);
        Assert.Equal(ChannelStatus.Active, timeline.At(july, knownAt: null)!.Value.Status);
        Assert.Equal(ChannelStatus.Suspended, timeline.At(july, T0.AddMinutes(5))!.Value.Status);
        Assert.Equal(ChannelStatus.Active, timeline.At(july, T0.AddMinutes(10))!.Value.Status);
        Assert.Null(timeline.At(july, T0.AddMinutes(-1)));
        Assert.Null(timeline.At(new DateOnly(2022, 7, 31), null));
    }

    [Fact]
    public void Since_names_the_development_that_began_the_current_status()
    {
        var timeline = new ChannelTimeline();
        var suspension = Guid.NewGuid();
        timeline.Add(Entry("2022-08", Suspended, 1, 0, suspension));
        timeline.Add(Entry("2023-06", Declined, 2, 1));
        var now = timeline.At(new DateOnly(2024, 1, 1), null)!.Value;
        Assert.Equal((ChannelStatus.Suspended, "2022-08", suspension), (now.Status, now.Since.ToString(), now.SinceCause));
    }

    [Fact]
    public void A_retraction_takes_a_development_out_from_then_on()
    {
        var timeline = new ChannelTimeline();
        var held = Guid.NewGuid();
        timeline.Add(Entry("2022-08", Suspended, 1, 0));
        timeline.Add(Entry("2023-12", ContactHeld, 2, 1, held));
        timeline.Remove(held, T0.AddMinutes(5));
        Assert.Equal(ChannelStatus.Suspended, timeline.At(new DateOnly(2024, 1, 1), null)!.Value.Status);
        Assert.Equal(ChannelStatus.Active, timeline.At(new DateOnly(2024, 1, 1), T0.AddMinutes(4))!.Value.Status);
    }

    /// <summary>
    /// Random histories of adds (in and out of date order), corrections and retractions, checked at random
    /// (asOf, knownAt) points against the plain definition: fold, in date order, what was known then.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Agrees_with_folding_what_was_known_at_every_point(int seed)
    {
        var random = new Random(seed);
        var timeline = new ChannelTimeline();
        var versions = new List<(DateTimeOffset At, List<TimelineEntry> Live)>();
        var live = new List<TimelineEntry>();
        for (var step = 1; step <= 300; step++)
        {
            var at = RandomWrite(random, timeline, live, step);
            versions.Add((at, [.. live]));
        }

        for (var probe = 0; probe < 2_000; probe++)
        {
            var asOf = new DateOnly(2020, 1, 1).AddDays(random.Next(-30, 2700));
            var version = random.Next(-1, versions.Count);
            var knownAt = version < 0 ? T0 : versions[version].At;
            var known = version < 0 ? [] : versions[version].Live;
            var expected = Fold(known, asOf);
            var actual = timeline.At(asOf, random.Next(5) == 0 && version == versions.Count - 1 ? null : knownAt);
            Assert.Equal(expected?.Status, actual?.Status);
            Assert.Equal(expected?.DevelopmentId, actual?.DevelopmentId);
            Assert.Equal(expected?.Since, actual?.Since);
        }
        Assert.Equal(Fold(live, DateOnly.MaxValue)?.DevelopmentId, timeline.Entries(null).LastOrDefault().DevelopmentId is var last && last != Guid.Empty ? last : null);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Tells_a_write_that_extends_the_timeline_from_one_that_rewrites_its_intervals(int seed)
    {
        var random = new Random(seed);
        var timeline = new ChannelTimeline();
        var live = new List<TimelineEntry>();
        for (var step = 1; step <= 300; step++)
        {
            var (before, intervalsBefore, latestBefore) = (timeline.Now, Intervals(live), Fold(live, DateOnly.MaxValue));
            RandomWrite(random, timeline, live, step);
            var after = timeline.Now;
            if (before.IsExtendedBy(after))
                Assert.True(live.Count == 1 || TimelineEntry.ByDate.Compare(latestBefore!.Value, live[^1]) < 0, "only an entry after the latest extends the timeline");
            else
                Assert.Equal(!intervalsBefore.SequenceEqual(Intervals(live)), before.Intervals != after.Intervals);
        }
    }

    /// <summary>One random write: mostly a development (often backdated), sometimes a retraction or a correction.</summary>
    private static DateTimeOffset RandomWrite(Random random, ChannelTimeline timeline, List<TimelineEntry> live, int step)
    {
        var kinds = Enum.GetValues<DevelopmentKind>();
        var at = T0.AddMinutes(step);
        var date = new DateOnly(2020, 1, 1).AddDays(random.Next(0, 1500) + (random.Next(4) == 0 ? 0 : step * 3));
        var entry = new TimelineEntry(Precise(date, random), step, Guid.NewGuid(), kinds[random.Next(kinds.Length)], at);
        var roll = random.Next(10);
        if (roll == 0 && live.Count > 0)
        {
            var victim = live[random.Next(live.Count)];
            timeline.Remove(victim.DevelopmentId, at);
            live.Remove(victim);
        }
        else if (roll == 1 && live.Count > 0)
        {
            var target = live[random.Next(live.Count)];
            var corrected = entry with { DevelopmentId = target.DevelopmentId };
            timeline.Replace(target.DevelopmentId, corrected);
            live.Remove(target);
            live.Add(corrected);
        }
        else
        {
            timeline.Add(entry);
            live.Add(entry);
        }
        return at;
    }

    /// <summary>The status intervals by brute force: fold everything, keep where the status changed.</summary>
    private static List<(PartialDate?, ChannelStatus, Guid?)> Intervals(List<TimelineEntry> known)
    {
        TimelineEntry? last = null;
        var intervals = new List<(PartialDate?, ChannelStatus, Guid?)>();
        foreach (var e in known.Order(TimelineEntry.ByDate))
        {
            last = e.After(last);
            if (last.Value.SinceCause == e.DevelopmentId) intervals.Add((last.Value.Since, last.Value.Status, e.DevelopmentId));
        }
        return intervals;
    }

    private static PartialDate Precise(DateOnly date, Random random) => random.Next(3) switch
    {
        0 => PartialDate.Of(date.Year),
        1 => PartialDate.Of(date.Year, date.Month),
        _ => PartialDate.Of(date.Year, date.Month, date.Day),
    };

    private static TimelineEntry? Fold(List<TimelineEntry> known, DateOnly asOf)
    {
        TimelineEntry? last = null;
        foreach (var e in known.Where(e => e.OccurredOn.Start <= asOf).Order(TimelineEntry.ByDate)) last = e.After(last);
        return last;
    }
}
