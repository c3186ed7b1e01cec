using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Projections;
using Monitor.Recording;
using Monitor.Status;
using Microsoft.Extensions.Logging.Abstractions;

namespace Monitor.Tests.Status;

/// <summary>
/// The publication-date timelines, prepared outside the read models' lock: an as-reported-by query answers from them
/// for the days no ledger write since has changed on its channel, and folds afresh otherwise, so a write that lands
/// after the preparing is never missed.
/// </summary>
public class ReportedTimelinesTests
{
    private static readonly ChannelCatalog Catalog = new(ChannelCatalog.Defaults);
    private static readonly Channel Military = Catalog.Find("military")!;
    private static readonly DateTimeOffset RecordedFrom = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_prepared_answer_is_the_built_one_and_a_later_write_is_not_missed()
    {
        var model = new ReadModel(Catalog);
        Record(model, DevelopmentKind.Suspended, occurred: new(2024, 5, 1), published: new(2024, 5, 3));
        model.Reported.Prepare(model);
        Assert.Equal(ChannelStatus.Suspended, StatusReportedBy(model, new DateOnly(2024, 5, 10)));
        Assert.Equal(ChannelStatus.Unknown, StatusReportedBy(model, new DateOnly(2024, 5, 2)));
        Assert.True(IsBuilt(model));

        // Written after the preparing: the query finds the prepared timelines behind and folds the developments afresh.
        Record(model, DevelopmentKind.ContactHeld, occurred: new(2024, 5, 6), published: new(2024, 5, 7));
        Assert.Equal(ChannelStatus.Active, StatusReportedBy(model, new DateOnly(2024, 5, 10)));

        Assert.False(IsBuilt(model));

        model.Reported.Prepare(model);
        Assert.True(IsBuilt(model));
        Assert.Equal(ChannelStatus.Active, StatusReportedBy(model, new DateOnly(2024, 5, 10)));
        Assert.Equal(ChannelStatus.Suspended, StatusReportedBy(model, new DateOnly(2024, 5, 6)));
    }

    [Fact]
    public void After_a_write_the_built_timelines_answer_the_days_before_the_first_it_changed_on_the_channel()
    {
        var model = new ReadModel(Catalog);
        Record(model, DevelopmentKind.Suspended, occurred: new(2024, 5, 1), published: new(2024, 5, 3));
        model.Reported.Prepare(model);

        // Published on the 20th: the 10th is as built, the 25th is folded afresh with it.
        Record(model, DevelopmentKind.ContactHeld, occurred: new(2024, 5, 6), published: new(2024, 5, 20));
        Assert.True(IsBuilt(model, new DateOnly(2024, 5, 10)));
        Assert.Equal(ChannelStatus.Suspended, StatusReportedBy(model, new DateOnly(2024, 5, 10)));
        Assert.False(IsBuilt(model, new DateOnly(2024, 5, 25)));
        Assert.Equal(ChannelStatus.Active, StatusReportedBy(model, new DateOnly(2024, 5, 25)));

        // Another channel's news changes nothing here; this channel's, published on the 5th, changes the 10th but not the 4th.
        Record(model, DevelopmentKind.ContactHeld, occurred: new(2024, 5, 4), published: new(2024, 5, 4), channel: "theater-commander");
        Assert.True(IsBuilt(model, new DateOnly(2024, 5, 10)));
        Record(model, DevelopmentKind.ContactHeld, occurred: new(2024, 5, 5), published: new(2024, 5, 5));
        Assert.False(IsBuilt(model, new DateOnly(2024, 5, 10)));
        Assert.Equal(ChannelStatus.Active, StatusReportedBy(model, new DateOnly(2024, 5, 10)));
        Assert.True(IsBuilt(model, new DateOnly(2024, 5, 4)));
        Assert.Equal(ChannelStatus.Suspended, StatusReportedBy(model, new DateOnly(2024, 5, 4)));
    }

    [Fact]
    public async Task Timelines_behind_are_built_on_a_thread_of_their_own_and_then_answer()
    {
        var model = new ReadModel(Catalog);
        Record(model, DevelopmentKind.Suspended, occurred: new(2024, 5, 1), published: new(2024, 5, 3));
        model.Reported.PrepareBehind(model, new DateOnly(2024, 5, 10), NullLogger.Instance);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!IsBuilt(model) && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(IsBuilt(model), "the timelines were not built within 10 s");
        Assert.Equal(ChannelStatus.Suspended, model.Statuses([Military], new Moment(new DateOnly(2024, 5, 31), null, new DateOnly(2024, 5, 10))).Single().Status);
    }

    /// <summary>Whether the built timelines answer for the military channel as reported by the day (the 10th of May unless given).</summary>
    private static bool IsBuilt(ReadModel model, DateOnly? day = null) =>
        model.Read(m => m.Reported.Snapshot(m.LedgerRevision, Military.Id, day ?? new DateOnly(2024, 5, 10))) is not null;

    private static ChannelStatus StatusReportedBy(ReadModel model, DateOnly day) =>
        model.Read(m => m.Status(Military, new Moment(new DateOnly(2024, 5, 31), null, day))).Status;

    private static void Record(ReadModel model, DevelopmentKind kind, DateOnly occurred, DateOnly published, string channel = "military")
    {
        var facts = new DevelopmentFacts([channel], kind, Period.Of(PartialDate.Of(occurred.Year, occurred.Month, occurred.Day)),
            $"{kind} reported.", [], [new Source($"{kind}", "Reuters", null, PartialDate.Of(published.Year, published.Month, published.Day), "it was reported")]);
        var data = LedgerCodec.Encode(new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), facts));
        var position = model.Checkpoint + 1;
        model.Apply([new RecordedEvent(Ledger.StreamName, position - 1, position, data.EventId, data.Type, data.Data, RecordedFrom.AddHours(position))]);
    }
}
