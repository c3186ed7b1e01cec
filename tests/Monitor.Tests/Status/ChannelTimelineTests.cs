using Monitor.Status;
using static Monitor.Recording.DevelopmentKind;

namespace Monitor.Tests.Status;

public class ChannelTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Epoch = new(2020, 1, 1);

    private static TimelineEntry Entry(string from, string certainBy, Monitor.Recording.DevelopmentKind kind, long order, int minute, Guid? id = null) =>
        new(new DatedDevelopment(id ?? Guid.NewGuid(), kind, DateOnly.Parse(from), DateOnly.Parse(certainBy), order), T0.AddMinutes(minute));

    [Fact]
    public void A_late_backdated_development_changes_the_past_but_not_what_was_known_before_it()
    {
        var timeline = new ChannelTimeline();
        timeline.Add(Entry("2022-08-01", "2022-08-31", Suspended, 1, 0));
        timeline.Add(Entry("2023-12-01", "2023-12-31", ContactHeld, 2, 1));
        timeline.Add(Entry("2023-06-01", "2023-06-30", ContactHeld, 3, 10)); // learnt late

        var july = new DateOnly(2023, 7, 15);
        Assert.Equal(ChannelStatus.Active, timeline.Snapshot(null).At(july).Status);
        Assert.Equal(ChannelStatus.Suspended, timeline.Snapshot(T0.AddMinutes(5)).At(july).Status);
        Assert.Equal(ChannelStatus.Active, timeline.Snapshot(T0.AddMinutes(10)).At(july).Status);
        Assert.Null(timeline.Snapshot(T0.AddMinutes(-1)).At(july).Entry);
        Assert.Null(timeline.Snapshot(null).At(new DateOnly(2022, 7, 31)).Entry);
    }

    [Fact]
    public void Inside_a_month_precise_period_the_status_is_only_possibly_changed()
    {
        var timeline = new ChannelTimeline();
        var suspension = Guid.NewGuid();
        var call = Guid.NewGuid();
        timeline.Add(Entry("2022-08-01", "2022-08-31", Suspended, 1, 0, suspension));
        timeline.Add(Entry("2024-04-01", "2024-04-30", ContactHeld, 2, 1, call));

        var midApril = timeline.Snapshot(null).At(new DateOnly(2024, 4, 15));
        Assert.Equal((ChannelStatus.Suspended, suspension), (midApril.Status, midApril.Entry!.Value.SinceCause));
        Assert.Equal(ChannelStatus.Active, midApril.Possibly);
        Assert.Equal([call], midApril.PossibleCauses);

        var may = timeline.Snapshot(null).At(new DateOnly(2024, 5, 1));
        Assert.Equal((ChannelStatus.Active, new DateOnly(2024, 4, 30), (ChannelStatus?)null), (may.Status, may.Entry!.Value.Since, may.Possibly));
    }

    [Fact]
    public void A_retraction_takes_a_development_out_from_then_on()
    {
        var timeline = new ChannelTimeline();
        var held = Guid.NewGuid();
        timeline.Add(Entry("2022-08-01", "2022-08-31", Suspended, 1, 0));
        var contact = Entry("2023-12-01", "2023-12-31", ContactHeld, 2, 1, held);
        timeline.Add(contact);
        timeline.Remove(contact.Development, T0.AddMinutes(5));
        Assert.Equal(ChannelStatus.Suspended, timeline.Snapshot(null).At(new DateOnly(2024, 1, 1)).Status);
        Assert.Equal(ChannelStatus.Active, timeline.Snapshot(T0.AddMinutes(4)).At(new DateOnly(2024, 1, 1)).Status);
        Assert.Null(timeline.Snapshot(null).At(new DateOnly(2023, 12, 15)).Possibly);
        Assert.Equal(ChannelStatus.Active, timeline.Snapshot(T0.AddMinutes(4)).At(new DateOnly(2023, 12, 15)).Possibly);
    }

    /// <summary>
    /// Random histories of adds (in and out of order), corrections and retractions, with periods from one day to
    /// open-ended, checked at random (asOf, knownAt) points against the brief's rule written plainly
    /// (<see cref="StatusFold.On"/>) over what was known then.
    /// </summary>
    [Theory]
    [InlineData(1, 300)]
    [InlineData(2, 300)]
    [InlineData(3, 300)]
    [InlineData(4, 300)]
    [InlineData(5, 300)]
    [InlineData(9, 2_000)] // long enough for the timeline's tree to split inner nodes, not only leaves
    public void Agrees_with_folding_what_was_known_at_every_point(int seed, int steps)
    {
        var random = new Random(seed);
        var timeline = new ChannelTimeline();
        var versions = new List<(DateTimeOffset At, List<TimelineEntry> Live)>();
        var live = new List<TimelineEntry>();
        for (var step = 1; step <= steps; step++)
        {
            var at = RandomWrite(random, timeline, live, step);
            versions.Add((at, [.. live]));
        }

        for (var probe = 0; probe < 2_000; probe++)
        {
            var asOf = Epoch.AddDays(random.Next(-30, 1800 + steps * 3)); // the span RandomWrite dates developments in
            var version = random.Next(-1, versions.Count);
            var knownAt = version < 0 ? T0 : versions[version].At;
            var known = version < 0 ? [] : versions[version].Live;
            var expected = StatusFold.On(asOf, known.Select(e => e.Development));
            var actual = timeline.Snapshot(random.Next(5) == 0 && version == versions.Count - 1 ? null : knownAt).At(asOf);
            Assert.Equal(expected.Status, actual.Status);
            Assert.Equal(expected.Latest, actual.Entry?.DevelopmentId);
            Assert.Equal(expected.Cause, actual.Entry?.SinceCause);
            Assert.Equal(expected.Possibly, actual.Possibly);
            Assert.Equal(expected.PossibleCauses, actual.PossibleCauses);
        }
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
            var (before, intervalsBefore, latestBefore) = (timeline.Now, Intervals(live), Latest(live));
            RandomWrite(random, timeline, live, step);
            var after = timeline.Now;
            if (before.IsExtendedBy(after))
                Assert.True(live.Count == 1 || TimelineEntry.ByFoldOrder.Compare(latestBefore!.Value, live[^1]) < 0, "only an entry after the latest extends the timeline");
            else
                Assert.Equal(!intervalsBefore.SequenceEqual(Intervals(live)), before.Intervals != after.Intervals);
        }
    }

    /// <summary>One random write: mostly a development (often backdated), sometimes a retraction or a correction.</summary>
    private static DateTimeOffset RandomWrite(Random random, ChannelTimeline timeline, List<TimelineEntry> live, int step)
    {
        var kinds = Enum.GetValues<Monitor.Recording.DevelopmentKind>();
        var at = T0.AddMinutes(step);
        var start = Epoch.AddDays(random.Next(0, 1500) + (random.Next(4) == 0 ? 0 : step * 3));
        var (from, certainBy) = RandomPeriod(random, start);
        var entry = new TimelineEntry(new DatedDevelopment(Guid.NewGuid(), kinds[random.Next(kinds.Length)], from, certainBy, step), at);
        var roll = random.Next(10);
        if (roll == 0 && live.Count > 0)
        {
            var victim = live[random.Next(live.Count)];
            timeline.Remove(victim.Development, at);
            live.Remove(victim);
        }
        else if (roll == 1 && live.Count > 0)
        {
            var target = live[random.Next(live.Count)];
            var corrected = new TimelineEntry(entry.Development with { Id = target.DevelopmentId, Order = target.Development.Order }, entry.KnownFrom);
            timeline.Replace(target.Development, corrected);
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

    /// <summary>
    /// A period as reports give them: mostly one day, else a month, a year, a few days, an open start, or an
    /// earlier publication that makes it certain before its period ends.
    /// </summary>
    private static (DateOnly From, DateOnly CertainBy) RandomPeriod(Random random, DateOnly start) => random.Next(8) switch
    {
        0 => (new DateOnly(start.Year, start.Month, 1), new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1)),
        1 => (new DateOnly(start.Year, 1, 1), new DateOnly(start.Year, 12, 31)),
        2 => (start, start.AddDays(random.Next(1, 5))),
        3 when random.Next(10) == 0 => (DateOnly.MinValue, start),
        4 => (new DateOnly(start.Year, 1, 1), new DateOnly(start.Year, 1, 1).AddDays(random.Next(0, 365))),
        _ => (start, start),
    };

    /// <summary>The status intervals by brute force: fold everything, keep where the status changed.</summary>
    private static List<(DateOnly, ChannelStatus, Guid?)> Intervals(List<TimelineEntry> known)
    {
        TimelineEntry? last = null;
        var intervals = new List<(DateOnly, ChannelStatus, Guid?)>();
        foreach (var e in known.Order(TimelineEntry.ByFoldOrder))
        {
            last = e.After(last);
            if (last.Value.SinceCause == e.DevelopmentId) intervals.Add((last.Value.Since, last.Value.Status, e.DevelopmentId));
        }
        return intervals;
    }

    private static TimelineEntry? Latest(List<TimelineEntry> known) => known.Count == 0 ? null : known.Max(TimelineEntry.ByFoldOrder);
}

/// <summary>The timeline's one write, as the three the tests make: add, take out, correct.</summary>
internal static class TimelineWrites
{
    public static void Add(this ChannelTimeline timeline, TimelineEntry entry) => timeline.Change(entry.KnownFrom, [new(null, entry)]);

    public static void Remove(this ChannelTimeline timeline, DatedDevelopment development, DateTimeOffset at) =>
        timeline.Change(at, [new(development, null)]);

    public static void Replace(this ChannelTimeline timeline, DatedDevelopment development, TimelineEntry entry) =>
        timeline.Change(entry.KnownFrom, [new(development, entry)]);
}
