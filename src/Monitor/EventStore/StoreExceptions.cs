namespace Monitor.EventStore;

/// <summary>
/// The store cannot be read completely, or holds something this program cannot decode: serving from it
/// would show partial history. The message names where, and what to do.
/// </summary>
public sealed class StoreDamagedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The store cannot take this write now (its disk is full, another process holds it); the same write may succeed later.</summary>
/// <param name="retryAfter">When trying again makes sense.</param>
public sealed class StoreUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
