using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Projections;
using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Tests.Status;

/// <summary>
/// The read models against the brief's three time questions asked plainly: random ledgers (developments over
/// intervals, late reports, added sources, corrections, retractions), queried at random asOf, knownAt and
/// reportedBy, must answer what folding by hand the developments then recorded and published gives.
/// </summary>
public class ReplayTests
{
    private static readonly ChannelCatalog Catalog = new(ChannelCatalog.Defaults);
    private static readonly DateOnly FirstDay = new(2022, 1, 1);
    private static readonly DateTimeOffset FirstRecorded = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Every_channel_answers_as_the_developments_then_recorded_and_published_fold(int seed)
    {
        var random = new Random(seed);
        var (model, log) = RandomLedger(random, 250, position => FirstRecorded.AddHours(position * 5));

        for (var probe = 0; probe < 1_500; probe++)
        {
            var asOf = FirstDay.AddDays(random.Next(0, 1200));
            DateTimeOffset? knownAt = random.Next(3) == 0 ? null : FirstRecorded.AddHours(random.Next(0, 260 * 5));
            DateOnly? reportedBy = random.Next(2) == 0 ? null : FirstDay.AddDays(random.Next(0, 1200));
            var channel = Catalog.All[random.Next(Catalog.All.Count)];
            var expected = StatusFold.On(asOf, ByHand(log, channel.Id, knownAt, reportedBy));
            // Halfway, the publication-date timelines are built: before, as-reported-by questions are folded afresh.
            if (probe == 750) model.Reported.Prepare(model);
            var at = new Moment(asOf, knownAt, reportedBy);
            var context = $"{channel.Id} asOf {asOf} knownAt {knownAt} reportedBy {reportedBy}";
            // Asked under the lock, and as the API asks, outside it with the timelines taken (or folded) in turns.
            AssertAnswers(expected, model.Read(m => m.Status(channel, at)), context);
            AssertAnswers(expected, model.Statuses([channel], at).Single(), context + " (in turns)");
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Writes_after_the_publication_date_timelines_are_built_are_never_missed(int seed)
    {
        // The built timelines go on answering the days before the first one a write since changed; later days are folded.
        var random = new Random(seed);
        var (model, log) = RandomLedger(random, 200, RecordedAt);
        model.Reported.Prepare(model);
        for (var written = 0; written < 60; written++)
        {
            Append(model, log, random, 1, RecordedAt);
            for (var probe = 0; probe < 25; probe++)
            {
                var asOf = FirstDay.AddDays(random.Next(0, 1200));
                var reportedBy = FirstDay.AddDays(random.Next(0, 1200));
                var channel = Catalog.All[random.Next(Catalog.All.Count)];
                var expected = StatusFold.On(asOf, ByHand(log, channel.Id, null, reportedBy));
                var at = new Moment(asOf, null, reportedBy);
                var context = $"{channel.Id} asOf {asOf} reportedBy {reportedBy} after {log.Count} events";
                AssertAnswers(expected, model.Read(m => m.Status(channel, at)), context);
                AssertAnswers(expected, model.Statuses([channel], at).Single(), context + " (in turns)");
            }
        }

        static DateTimeOffset RecordedAt(int position) => FirstRecorded.AddHours(position * 5);
    }

    private static void AssertAnswers(StatusOnDate expected, ChannelView actual, string context)
    {
        Assert.True(expected.Status == actual.Status, $"{context}: {expected.Status} expected, {actual.Status} answered");
        Assert.Equal(expected.Cause, actual.Cause?.Id);
        Assert.Equal(expected.Latest, actual.Latest?.Id);
        Assert.Equal(expected.Possibly, actual.Possibly?.Status);
        Assert.Equal(expected.PossibleCauses, actual.Possibly?.Causes.Select(c => c.Id) ?? []);
    }

    /// <summary>
    /// The brief's rule, event by event: what had been recorded by knownAt; of that, as reported by a day, sources
    /// published by then, and corrections and retractions recorded by then.
    /// </summary>
    private static List<DatedDevelopment> ByHand(
        List<(RecordedEvent Recorded, LedgerEvent Event)> log, string channel, DateTimeOffset? knownAt, DateOnly? reportedBy)
    {
        var developments = new Dictionary<Guid, (long Order, DevelopmentFacts Facts, List<Source> Added, bool Retracted)>();
        foreach (var (recorded, e) in log.Where(l => knownAt is null || l.Recorded.Created <= knownAt))
        {
            var countsAsReported = reportedBy is null || DateOnly.FromDateTime(recorded.Created.UtcDateTime) <= reportedBy;
            switch (e)
            {
                case LedgerEvent.DevelopmentRecorded r:
                    developments[r.DevelopmentId] = (recorded.Position, r.Facts, [], false);
                    break;
                case LedgerEvent.SourceAdded s:
                    developments[s.DevelopmentId].Added.Add(s.Source);
                    break;
                case LedgerEvent.DevelopmentCorrected c when countsAsReported:
                    developments[c.DevelopmentId] = developments[c.DevelopmentId] with { Facts = c.Facts };
                    break;
                case LedgerEvent.DevelopmentRetracted x when countsAsReported:
                    developments[x.DevelopmentId] = developments[x.DevelopmentId] with { Retracted = true };
                    break;
            }
        }
        var dated = new List<DatedDevelopment>();
        foreach (var (id, (order, facts, added, retracted)) in developments)
        {
            var sources = facts.Sources.Concat(added.Where(a => !facts.Sources.Any(s => DuplicateRule.SameReport(s, a))))
                .Where(s => reportedBy is null || s.PublishedOn.End <= reportedBy).ToList();
            if (retracted || sources.Count == 0 || !facts.Channels.Contains(channel)) continue;
            dated.Add(DatedDevelopment.Of(id, facts with { Sources = sources }, order));
        }
        return dated;
    }

    /// <summary>A read model that has applied <paramref name="events"/> random ledger events, and those events.</summary>
    /// <param name="recordedAt">When the event at a position was recorded.</param>
    internal static (ReadModel Model, List<(RecordedEvent Recorded, LedgerEvent Event)> Log) RandomLedger(Random random, int events,
        Func<int, DateTimeOffset> recordedAt)
    {
        var model = new ReadModel(Catalog);
        var log = new List<(RecordedEvent Recorded, LedgerEvent Event)>();
        Append(model, log, random, events, recordedAt);
        return (model, log);
    }

    /// <summary>Applies <paramref name="events"/> more random ledger events to <paramref name="model"/>, and adds them to <paramref name="log"/>.</summary>
    private static void Append(ReadModel model, List<(RecordedEvent Recorded, LedgerEvent Event)> log, Random random, int events,
        Func<int, DateTimeOffset> recordedAt)
    {
        var first = log.Count + 1;
        for (var position = first; position < first + events; position++)
        {
            var at = recordedAt(position);
            var e = RandomEvent(random, log, DateOnly.FromDateTime(at.UtcDateTime));
            var data = LedgerCodec.Encode(e);
            var recorded = new RecordedEvent(Ledger.StreamName, position - 1, position, data.EventId, data.Type, data.Data, at);
            model.Apply([recorded]);
            log.Add((recorded, e));
        }
    }

    internal static LedgerEvent RandomEvent(Random random, List<(RecordedEvent Recorded, LedgerEvent Event)> log, DateOnly today)
    {
        var ids = log.Select(l => l.Event).OfType<LedgerEvent.DevelopmentRecorded>().Select(r => r.DevelopmentId).ToList();
        var retracted = log.Select(l => l.Event).OfType<LedgerEvent.DevelopmentRetracted>().Select(r => r.DevelopmentId).ToHashSet();
        var live = ids.Where(id => !retracted.Contains(id)).ToList();
        var roll = random.Next(12);
        if (live.Count > 0 && roll == 0) return new LedgerEvent.DevelopmentRetracted(live[random.Next(live.Count)], "wrong");
        if (live.Count > 0 && roll == 1) return new LedgerEvent.DevelopmentCorrected(live[random.Next(live.Count)], RandomFacts(random, today), "better");
        if (live.Count > 0 && roll <= 3)
        {
            var target = live[random.Next(live.Count)];
            var start = CurrentFacts(log, target).OccurredOn.Start;
            return new LedgerEvent.SourceAdded(target, RandomSource(random, start, today));
        }
        return new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), RandomFacts(random, today));
    }

    private static DevelopmentFacts CurrentFacts(List<(RecordedEvent Recorded, LedgerEvent Event)> log, Guid id) =>
        log.Select(l => l.Event).Where(e => e.DevelopmentId == id).Select(e => e switch
        {
            LedgerEvent.DevelopmentRecorded r => r.Facts,
            LedgerEvent.DevelopmentCorrected c => c.Facts,
            _ => null,
        }).OfType<DevelopmentFacts>().Last();

    private static DevelopmentFacts RandomFacts(Random random, DateOnly today)
    {
        var start = FirstDay.AddDays(random.Next(0, today.DayNumber - FirstDay.DayNumber - 40));
        var occurredOn = random.Next(6) switch
        {
            0 => Period.Parse($"{start:yyyy-MM}"),
            1 => Period.Parse($"{start:yyyy}"),
            2 => Period.Parse($"{start:yyyy-MM-dd}/{start.AddDays(random.Next(1, 20)):yyyy-MM-dd}"),
            3 => Period.Parse($"{start:yyyy-MM-dd}/.."),
            _ => Period.Parse($"{start:yyyy-MM-dd}"),
        };
        var channels = Catalog.All.Where(_ => random.Next(2) == 0).Select(c => c.Id).DefaultIfEmpty("military").ToList();
        var kinds = Enum.GetValues<DevelopmentKind>();
        var sources = Enumerable.Range(0, random.Next(1, 3)).Select(_ => RandomSource(random, start, today)).ToList();
        return new DevelopmentFacts(channels, kinds[random.Next(kinds.Length)], occurredOn, "s", [], sources);
    }

    private static Source RandomSource(Random random, DateOnly from, DateOnly today)
    {
        var published = from.AddDays(random.Next(0, Math.Max(1, Math.Min(400, today.DayNumber - from.DayNumber))));
        var date = random.Next(4) == 0 ? PartialDate.Of(published.Year, published.Month) : PartialDate.Of(published.Year, published.Month, published.Day);
        return new Source("t" + random.Next(), "p" + random.Next(5), null, date, "e");
    }
}
