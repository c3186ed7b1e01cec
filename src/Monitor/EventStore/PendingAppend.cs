namespace Monitor.EventStore;

/// <summary>An append waiting in a writer's queue for the next group commit; its result is set once that commit ends.</summary>
internal sealed record PendingAppend(string Stream, ExpectedRevision Expected, IReadOnlyList<EventData> Events)
{
    public TaskCompletionSource<AppendResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
