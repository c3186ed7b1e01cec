using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// A development as the status fold sees it: it may have happened from <paramref name="PossibleFrom"/> (its
/// period's first day) and had certainly happened by <paramref name="CertainBy"/>. <paramref name="Order"/>:
/// its place in the log, the last tie-break.
/// </summary>
public readonly record struct DatedDevelopment(Guid Id, DevelopmentKind Kind, DateOnly PossibleFrom, DateOnly CertainBy, long Order)
{
    public static DatedDevelopment Of(Guid id, DevelopmentFacts facts, long order) =>
        new(id, facts.Kind, facts.OccurredOn.Start, Certainty.CertainBy(facts), order);

    /// <summary>The order the brief folds in: by certain-by date, then period start, then recording order.</summary>
    public static int FoldOrder(DatedDevelopment a, DatedDevelopment b) =>
        a.CertainBy.CompareTo(b.CertainBy) is var byCertain and not 0 ? byCertain
        : a.PossibleFrom.CompareTo(b.PossibleFrom) is var byStart and not 0 ? byStart
        : a.Order.CompareTo(b.Order);
}

public static class Certainty
{
    /// <summary>
    /// The day by which a development had certainly happened: the last day of its period, or, if earlier, the
    /// last day its earliest report may have been published on (a report cannot describe what had not yet happened).
    /// </summary>
    public static DateOnly CertainBy(Period occurredOn, IReadOnlyList<Source> sources) => CertainBy(occurredOn, EarliestReport(sources));

    /// <param name="earliestReport">The last day its earliest report may have been published on (<see cref="EarliestReport"/>).</param>
    public static DateOnly CertainBy(Period occurredOn, DateOnly earliestReport) =>
        earliestReport < occurredOn.End ? earliestReport : occurredOn.End;

    /// <summary>The last day the earliest of these reports may have been published on (the latest day when there are none).</summary>
    public static DateOnly EarliestReport(IReadOnlyList<Source> sources)
    {
        var earliest = DateOnly.MaxValue;
        for (var i = 0; i < sources.Count; i++) earliest = EarlierReport(earliest, sources[i].PublishedOn); // not foreach: a boxed enumerator
        return earliest;
    }

    /// <summary><paramref name="earliest"/>, or the last day a report published on <paramref name="publishedOn"/> may have come out, if earlier.</summary>
    public static DateOnly EarlierReport(DateOnly earliest, PartialDate publishedOn) => publishedOn.End < earliest ? publishedOn.End : earliest;

    public static DateOnly CertainBy(DevelopmentFacts facts) => CertainBy(facts.OccurredOn, facts.Sources);
}
