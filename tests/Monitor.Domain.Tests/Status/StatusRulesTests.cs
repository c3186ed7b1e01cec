using Monitor.Recording;
using Monitor.Status;
using static Monitor.Recording.DevelopmentKind;
using static Monitor.Status.ChannelStatus;

namespace Monitor.Tests.Status;

/// <summary>The brief's status table, row by row, for every status a channel can be in.</summary>
public class StatusRulesTests
{
    public static TheoryData<ChannelStatus, DevelopmentKind, ChannelStatus> Table => new()
    {
        // suspended → suspended, from anywhere
        { Unknown, DevelopmentKind.Suspended, ChannelStatus.Suspended }, { Active, DevelopmentKind.Suspended, ChannelStatus.Suspended },
        { Strained, DevelopmentKind.Suspended, ChannelStatus.Suspended }, { Pending, DevelopmentKind.Suspended, ChannelStatus.Suspended },
        { ChannelStatus.Suspended, DevelopmentKind.Suspended, ChannelStatus.Suspended },
        // restoration-requested: no effect
        { Unknown, RestorationRequested, Unknown }, { Active, RestorationRequested, Active },
        { Strained, RestorationRequested, Strained }, { Pending, RestorationRequested, Pending },
        { ChannelStatus.Suspended, RestorationRequested, ChannelStatus.Suspended },
        // contact-requested: no effect
        { Unknown, ContactRequested, Unknown }, { Active, ContactRequested, Active },
        { Strained, ContactRequested, Strained }, { Pending, ContactRequested, Pending },
        { ChannelStatus.Suspended, ContactRequested, ChannelStatus.Suspended },
        // declined: active → strained, otherwise none
        { Unknown, Declined, Unknown }, { Active, Declined, Strained }, { Strained, Declined, Strained },
        { Pending, Declined, Pending }, { ChannelStatus.Suspended, Declined, ChannelStatus.Suspended },
        // restoration-agreed: unknown / suspended → pending, otherwise none
        { Unknown, RestorationAgreed, Pending }, { Active, RestorationAgreed, Active },
        { Strained, RestorationAgreed, Strained }, { Pending, RestorationAgreed, Pending },
        { ChannelStatus.Suspended, RestorationAgreed, Pending },
        // contact-planned: same as restoration-agreed
        { Unknown, ContactPlanned, Pending }, { Active, ContactPlanned, Active },
        { Strained, ContactPlanned, Strained }, { Pending, ContactPlanned, Pending },
        { ChannelStatus.Suspended, ContactPlanned, Pending },
        // contact-held → active, from anywhere
        { Unknown, ContactHeld, Active }, { Active, ContactHeld, Active }, { Strained, ContactHeld, Active },
        { Pending, ContactHeld, Active }, { ChannelStatus.Suspended, ContactHeld, Active },
        // context: no effect
        { Unknown, Context, Unknown }, { Active, Context, Active }, { Strained, Context, Strained },
        { Pending, Context, Pending }, { ChannelStatus.Suspended, Context, ChannelStatus.Suspended },
    };

    [Theory, MemberData(nameof(Table))]
    public void Given_status_when_development_then_status(ChannelStatus given, DevelopmentKind when, ChannelStatus then) =>
        Assert.Equal(then, StatusRules.Evolve(given, when));

    [Fact]
    public void The_table_covers_every_status_and_kind_once()
    {
        var rows = Table.Select(row => ((ChannelStatus)row[0], (DevelopmentKind)row[1])).ToList();
        var every = Enum.GetValues<ChannelStatus>().SelectMany(s => Enum.GetValues<DevelopmentKind>().Select(k => (s, k)));
        Assert.Equal(every.Order(), rows.Order());
    }

    [Fact]
    public void A_channel_with_no_development_is_unknown() => Assert.Equal(Unknown, StatusRules.Fold([]));

    [Theory]
    [InlineData(new[] { DevelopmentKind.Suspended, RestorationRequested, Declined }, ChannelStatus.Suspended)]
    [InlineData(new[] { DevelopmentKind.Suspended, RestorationAgreed, ContactPlanned }, Pending)]
    [InlineData(new[] { DevelopmentKind.Suspended, RestorationAgreed, ContactHeld, Declined }, Strained)]
    [InlineData(new[] { ContactHeld, Declined, ContactHeld }, Active)]
    [InlineData(new[] { Declined, Context, RestorationRequested }, Unknown)]
    public void Given_developments_then_status(DevelopmentKind[] given, ChannelStatus then) =>
        Assert.Equal(then, StatusRules.Fold(given));
}
