using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Tests.Recording;

/// <summary>
/// The list read a turn at a time, so writes go on beside a long query: every development still comes once,
/// newest-dated first, and what is written between turns is taken in as a cursor of the list would.
/// </summary>
public class ListTurnsTests
{
    private static readonly ChannelCatalog Catalog = new(ChannelCatalog.Defaults);
    private static readonly DateOnly FirstDay = new(2020, 1, 1);

    // More than two turns' worth, ending part-way through the last one.
    private const int Developments = 2 * ListTurns.PerTurn + 137;

    [Fact]
    public void Every_development_is_written_once_newest_dated_first_over_several_turns()
    {
        var model = Filled();

        var written = DevelopmentExport.Every(model, _ => true).ToList();

        var listed = model.Read(m => m.Developments.ByDateDescending().Select(d => d.Id).ToList());
        Assert.Equal(Developments, written.Count);
        Assert.Equal(listed, written.Select(v => v.Id));
    }

    [Fact]
    public void Only_the_admitted_developments_are_written()
    {
        var model = Filled();

        var written = DevelopmentExport.Every(model, d => d.Position % 3 == 0).ToList();

        Assert.Equal(Developments / 3, written.Count);
        Assert.All(written, v => Assert.Equal(0, model.Read(m => m.Developments.Find(v.Id)!.Position) % 3));
    }

    [Fact]
    public void Only_the_shown_matches_have_views_and_every_match_is_counted()
    {
        var model = Filled();
        const int skip = ListTurns.PerTurn - 10, take = 30; // a page across two turns

        var matches = ListTurns.Matches(model, d => d.Position % 2 == 0, null, shown: i => i >= skip && i - skip < take).ToList();

        var expected = model.Read(m => m.Developments.ByDateDescending().Where(d => d.Position % 2 == 0).Select(d => d.Id).ToList());
        Assert.Equal(expected.Count, matches.Count);
        Assert.Equal(expected.Skip(skip).Take(take), matches.OfType<DevelopmentView>().Select(v => v.Id));
    }

    [Fact]
    public void Writes_go_on_between_turns_and_a_development_moved_ahead_of_them_is_written_once()
    {
        var model = Filled();
        using var export = DevelopmentExport.Every(model, _ => true).GetEnumerator();
        var written = new List<Guid>();
        for (var i = 0; i < ListTurns.PerTurn; i++)
        {
            Assert.True(export.MoveNext());
            written.Add(export.Current.Id);
        }

        // Applied on this thread between turns: were a turn's read lock still held, taking the write lock would throw.
        var newest = written[0];
        Apply(model, new LedgerEvent.DevelopmentCorrected(newest, Facts(FirstDay.AddDays(-1)), "The date was wrong."));
        var recordedAhead = Guid.NewGuid();
        Apply(model, new LedgerEvent.DevelopmentRecorded(recordedAhead, Facts(FirstDay.AddDays(-2))));
        while (export.MoveNext()) written.Add(export.Current.Id);

        Assert.Single(written, id => id == newest);
        Assert.Equal(recordedAhead, written[^1]);
        Assert.Equal(Developments + 1, written.Count);
        Assert.Equal(written.Count, written.Distinct().Count());
    }

    /// <summary>A development a day, the later the newer.</summary>
    private static ReadModel Filled()
    {
        var model = new ReadModel(Catalog);
        for (var day = 0; day < Developments; day++)
            Apply(model, new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), Facts(FirstDay.AddDays(day))));
        return model;
    }

    private static DevelopmentFacts Facts(DateOnly day) =>
        new(["military"], DevelopmentKind.Context, Period.Of(PartialDate.Of(day.Year, day.Month, day.Day)), $"Background of {day}.", [],
            [new Source($"Report of {day}", "Reuters", null, PartialDate.Of(day.Year, day.Month, day.Day), "It was reported.")]);

    private static void Apply(ReadModel model, LedgerEvent e)
    {
        var data = LedgerCodec.Encode(e);
        var position = model.Checkpoint + 1;
        model.Apply([new RecordedEvent(Ledger.StreamName, position - 1, position, data.EventId, data.Type, data.Data,
            new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(position))]);
    }
}
