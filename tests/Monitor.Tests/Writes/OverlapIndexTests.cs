using Monitor.Recording;

namespace Monitor.Tests.Writes;

/// <summary>
/// The possible-duplicate check looks only at developments an index says may overlap: on random histories (vague and
/// open-ended periods, corrections, retractions) it finds exactly what looking at every development finds.
/// </summary>
public sealed class OverlapIndexTests
{
    private static readonly string[] Channels = ["military", "theater-commander", "defense-minister"];
    private static readonly DevelopmentKind[] Kinds = [DevelopmentKind.ContactHeld, DevelopmentKind.Declined, DevelopmentKind.Context];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_index_finds_what_a_scan_of_every_development_finds(int seed)
    {
        var random = new Random(seed);
        var registry = new DevelopmentRegistry();
        var ids = new List<Guid>();
        long position = 0;
        for (var step = 0; step < 600; step++)
        {
            // What the ledger's decider lets through: corrections and retractions of live developments only.
            var live = ids.Where(id => registry.Find(id)!.Retraction is null).ToList();
            var roll = random.Next(10);
            LedgerEvent e = live.Count == 0 || roll < 7 ? new LedgerEvent.DevelopmentRecorded(Guid.CreateVersion7(), RandomFacts(random))
                : roll < 9 ? new LedgerEvent.DevelopmentCorrected(live[random.Next(live.Count)], RandomFacts(random), "Corrected.")
                : new LedgerEvent.DevelopmentRetracted(live[random.Next(live.Count)], "Retracted.");
            registry.Apply(e, ++position, DateTimeOffset.UnixEpoch);
            if (e is LedgerEvent.DevelopmentRecorded recorded) ids.Add(recorded.DevelopmentId);

            var probe = RandomFacts(random);
            var scanned = registry.InLogOrder.Where(r => r.Live is { } live && DuplicateRule.MayBeSameEvent(probe, live.Unpack())).Select(r => r.Id).ToList();
            Assert.Equal(scanned, registry.MayBeSameEventAs(probe));
        }
    }

    private static DevelopmentFacts RandomFacts(Random random)
    {
        var start = new DateOnly(2020, 1, 1).AddDays(random.Next(1500));
        var text = random.Next(8) switch
        {
            0 => $"{start:yyyy-MM}",
            1 => $"{start:yyyy-MM-dd}/{start.AddDays(random.Next(1, 400)):yyyy-MM-dd}",
            2 => $"{start:yyyy-MM-dd}/..",
            3 => $"../{start:yyyy-MM-dd}",
            4 => $"{start:yyyy}",
            _ => $"{start:yyyy-MM-dd}",
        };
        var channels = Channels.Where(_ => random.Next(3) == 0).DefaultIfEmpty(Channels[random.Next(3)]).ToList();
        return new DevelopmentFacts(channels, Kinds[random.Next(Kinds.Length)], Period.Parse(text), "Random.", [],
            [new Source("Title", "Wire", null, PartialDate.Of(2026), "Quote.")]);
    }
}
