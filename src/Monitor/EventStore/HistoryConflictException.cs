namespace Monitor.EventStore;

/// <summary>
/// The store being copied into holds other events at positions the copied log also has: another history. Merging
/// them would break both, so nothing is written; the message names the first position where they part.
/// </summary>
public sealed class HistoryConflictException(string message) : Exception(message);
