using Monitor.Recording;

namespace Monitor.Tests.Writes;

/// <summary>
/// Which commands of a batch are decided together: given the developments recorded, when commands arrive at once,
/// then those whose answers cannot turn on a write accepted before them are decided, and the rest wait their turn.
/// </summary>
public sealed class LedgerBatchTests
{
    private readonly DevelopmentRegistry _recorded = new();
    private long _position;

    private static DevelopmentFacts Facts(string channel, DevelopmentKind kind, string occurredOn, string publisher = "Test Wire") =>
        new([channel], kind, Period.Parse(occurredOn), "Test development.", [],
            [new Source("Headline", publisher, null, Published(occurredOn), "It happened.")]);

    private static PartialDate Published(string occurredOn) => PartialDate.TryParse(occurredOn, out var date, out var error)
        ? date : throw new FormatException(error);

    private static LedgerBatcher.Command Record(DevelopmentFacts facts) =>
        new(null, facts, known => Ledger.Record(Guid.CreateVersion7(), facts, [], known), CancellationToken.None, 0);

    private LedgerBatcher.Command Retract(Guid id) =>
        new(id, null, known => Ledger.Retract(id, "Never happened.", known), CancellationToken.None, 0);

    private LedgerBatcher.Batch Decide(params LedgerBatcher.Command[] commands) => LedgerBatcher.Decide(_recorded, _position - 1, commands);

    private Guid Apply(LedgerBatcher.Batch batch)
    {
        var accepted = batch.Accepted.Select(a => a.Accepted.Event).ToList();
        foreach (var e in accepted) _recorded.Apply(e, ++_position, DateTimeOffset.UnixEpoch);
        return accepted.LastOrDefault()?.DevelopmentId ?? Guid.Empty;
    }

    [Fact]
    public void Developments_that_do_not_concern_each_other_are_decided_together()
    {
        var batch = Decide(
            Record(Facts("military", DevelopmentKind.ContactHeld, "2025-02-03")),
            Record(Facts("military", DevelopmentKind.Declined, "2025-02-03")),            // another kind
            Record(Facts("defense-minister", DevelopmentKind.ContactHeld, "2025-02-03")), // another channel
            Record(Facts("military", DevelopmentKind.ContactHeld, "2025-03-10")));        // another day
        Assert.Equal(4, batch.Accepted.Count);
        Assert.Empty(batch.Deferred);
    }

    [Fact]
    public void Of_the_same_development_sent_at_once_one_is_accepted_and_the_rest_then_found_duplicates()
    {
        var facts = Facts("military", DevelopmentKind.ContactHeld, "2025-02-03");
        var first = Decide([.. Enumerable.Range(0, 5).Select(_ => Record(facts))]);
        Assert.Single(first.Accepted);
        Assert.Equal(4, first.Deferred.Count);

        var recorded = Apply(first);
        var second = Decide([.. first.Deferred]);
        Assert.All(second.Decided, d => Assert.Equal(new Decision.Duplicate(recorded), d.Decision));
    }

    [Fact]
    public void Reports_of_one_event_from_other_wires_wait_for_the_first_and_are_then_possible_duplicates()
    {
        var first = Decide(
            Record(Facts("military", DevelopmentKind.ContactHeld, "2025-02", "Wire A")),
            Record(Facts("military", DevelopmentKind.ContactHeld, "2025-02-03", "Wire B")));
        Assert.Single(first.Accepted);
        var recorded = Apply(first);
        Assert.Equal([recorded], Assert.IsType<Decision.PossibleDuplicate>(Decide([.. first.Deferred]).Decided.Single().Decision).Candidates);
    }

    [Fact]
    public void A_record_waits_for_the_retraction_of_what_it_may_duplicate_and_is_then_accepted()
    {
        var old = Apply(Decide(Record(Facts("military", DevelopmentKind.ContactHeld, "2025-02-03", "Wire A"))));
        var batch = Decide(Retract(old), Record(Facts("military", DevelopmentKind.ContactHeld, "2025-02-03", "Wire B")));
        Assert.IsType<LedgerEvent.DevelopmentRetracted>(Assert.Single(batch.Accepted).Accepted.Event);
        Apply(batch);
        Assert.IsType<Decision.Accepted>(Decide([.. batch.Deferred]).Decided.Single().Decision);
    }

    [Fact]
    public void A_refusal_writes_nothing_so_what_follows_it_is_decided_in_the_same_batch()
    {
        var recorded = Apply(Decide(Record(Facts("military", DevelopmentKind.ContactHeld, "2025-02-03"))));
        var facts = Facts("military", DevelopmentKind.ContactHeld, "2025-02-03");
        var batch = Decide([.. Enumerable.Range(0, 5).Select(_ => Record(facts))]);
        Assert.Empty(batch.Deferred);
        Assert.All(batch.Decided, d => Assert.Equal(new Decision.Duplicate(recorded), d.Decision));
    }

    [Fact]
    public void While_a_batch_is_appended_but_not_yet_shown_what_could_turn_on_it_waits_and_the_rest_is_decided()
    {
        var facts = Facts("military", DevelopmentKind.ContactHeld, "2025-02-03");
        var appended = Decide(Record(facts));

        var next = LedgerBatcher.Decide(_recorded, _position - 1, [
            Record(facts),                                                          // the same development again
            Record(Facts("military", DevelopmentKind.ContactHeld, "2025-02", "Wire B")), // maybe the same event
            Record(Facts("defense-minister", DevelopmentKind.Declined, "2025-06-01"))],  // another channel and day
            unseen: [appended]);
        Assert.Equal(2, next.Deferred.Count);
        Assert.IsType<Decision.Accepted>(next.Decided.Single().Decision);

        var recorded = Apply(appended);
        var shown = Decide([.. next.Deferred]);
        Assert.Equal(new Decision.Duplicate(recorded), shown.Decided[0].Decision);
        Assert.Equal([recorded], Assert.IsType<Decision.PossibleDuplicate>(shown.Decided[1].Decision).Candidates);
    }
}
