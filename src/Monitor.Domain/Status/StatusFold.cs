using Monitor.Recording;

namespace Monitor.Status;

/// <summary>
/// A channel's status on a day: the developments certain by then, folded in <see cref="DatedDevelopment.FoldOrder"/>;
/// <paramref name="Cause"/> set the status, <paramref name="Latest"/> is the last certain development.
/// Where developments that are only possible by then would change it, <paramref name="Possibly"/> is what it
/// would be if they had happened, and <paramref name="PossibleCauses"/> the ones that would move it.
/// </summary>
public sealed record StatusOnDate(ChannelStatus Status, Guid? Cause, Guid? Latest, ChannelStatus? Possibly, IReadOnlyList<Guid> PossibleCauses);

/// <summary>The brief's certain-and-possible rule, written plainly: the specification the fast timeline is checked against.</summary>
public static class StatusFold
{
    public static StatusOnDate On(DateOnly day, IEnumerable<DatedDevelopment> developments)
    {
        var ordered = developments.ToList();
        ordered.Sort(DatedDevelopment.FoldOrder);
        var (status, cause, latest) = (StatusRules.Initial, (Guid?)null, (Guid?)null);
        foreach (var d in ordered.Where(d => d.CertainBy <= day))
        {
            var next = StatusRules.Evolve(status, d.Kind);
            if (next != status) (status, cause) = (next, d.Id);
            latest = d.Id;
        }
        var (possibly, causes) = Possibly(status, ordered.Where(d => d.CertainBy > day && d.PossibleFrom <= day).Select(d => (d.Id, d.Kind)));
        return new StatusOnDate(status, cause, latest, possibly, causes);
    }

    /// <summary>
    /// What the status would be if the uncertain developments (in fold order) had happened, and which of them
    /// would move it; nothing when they would leave it as it is.
    /// </summary>
    public static (ChannelStatus? Possibly, IReadOnlyList<Guid> Causes) Possibly(
        ChannelStatus status, IEnumerable<(Guid Id, DevelopmentKind Kind)> uncertain)
    {
        var (possibly, causes) = (status, new List<Guid>());
        foreach (var (id, kind) in uncertain)
        {
            var next = StatusRules.Evolve(possibly, kind);
            if (next != possibly) causes.Add(id);
            possibly = next;
        }
        return possibly == status ? (null, []) : (possibly, causes);
    }
}
