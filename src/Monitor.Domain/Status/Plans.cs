namespace Monitor.Status;

/// <summary>When a plan or agreement to meet has fallen behind: its date has passed and no contact was held since it was made.</summary>
public static class Plans
{
    /// <param name="plannedFor">When the meeting was to happen (null: no date given, never overdue).</param>
    /// <param name="made">The plan: a contact that may have been held once it was made, and was certain by the day, fulfils it.</param>
    /// <param name="held">The channel's contact-held developments.</param>
    public static bool IsOverdue(Recording.Period? plannedFor, DatedDevelopment made, IEnumerable<DatedDevelopment> held, DateOnly day) =>
        plannedFor is { } when && when.End < day
        && !held.Any(contact => contact.CertainBy >= made.PossibleFrom && contact.CertainBy <= day);
}
