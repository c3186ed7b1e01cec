using Monitor.Collections;
using Monitor.Recording;
using Xunit;

namespace Monitor.Tests.Recording;

/// <summary>
/// What a reader takes from a development (its view, answered after the read models' lock is let go) stays as it was
/// taken while later events are applied: a source added meanwhile once changed a list being written out, and the
/// answer failed with 500.
/// </summary>
public sealed class DevelopmentRecordTests
{
    private static readonly DevelopmentFacts Facts = new(["military"], DevelopmentKind.Declined, Period.Parse("2025-03"),
        "Beijing declined talks.", [], [new Source("Talks declined", "Reuters", null, PartialDate.Of(2025, 3), "It declined.")]);

    [Fact]
    public void A_view_keeps_the_added_sources_and_corrections_it_was_made_with()
    {
        var arena = new ByteArena();
        var record = new DevelopmentRecord(Guid.NewGuid(), PackedFacts.Pack(Facts, arena), 1, DateTimeOffset.UnixEpoch);
        record.AddSource(new AddedSource(new Source("Later report", "AP", null, PartialDate.Of(2025, 3), "Confirmed."), 2, DateTimeOffset.UnixEpoch), arena);
        var view = DevelopmentView.Of(record);

        record.AddSource(new AddedSource(new Source("Another", "Xinhua", null, PartialDate.Of(2025, 3), "Said so."), 3, DateTimeOffset.UnixEpoch), arena);
        record.Correct(new Amendment("Typo.", 4, DateTimeOffset.UnixEpoch, PackedFacts.Pack(Facts with { Summary = "Beijing declined." }, arena)), arena);

        Assert.Single(view.AddedSources);
        Assert.Empty(view.Corrections);
        Assert.Equal(2, record.AddedSources.Count);
        Assert.Single(record.Corrections);
    }
}
