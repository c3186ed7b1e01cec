using Monitor.Status;

namespace Monitor.Tests.Status;

/// <summary>One channel's developments, in the order the test records them: that is their log order.</summary>
internal sealed class History
{
    private readonly List<DatedDevelopment> _recorded = [];

    public IReadOnlyList<DatedDevelopment> Recorded => _recorded;

    public DatedDevelopment Record(string kind, string occurredOn, string publishedOn, string? plannedFor = null) =>
        Record(kind, occurredOn, publishedOn, _recorded.Count + 1, plannedFor);

    /// <param name="order">Its position in the log, when the test needs a particular one.</param>
    public DatedDevelopment Record(
        string kind, string occurredOn, string publishedOn, long order, string? plannedFor = null)
    {
        var facts = Drafts.Valid(Drafts.Of(kind, occurredOn, publishedOn) with { PlannedFor = plannedFor });
        var dated = DatedDevelopment.Of(Guid.NewGuid(), facts, order);
        _recorded.Add(dated);
        return dated;
    }

    public StatusOnDate On(string day) => StatusFold.On(DateOnly.Parse(day), _recorded);
}
