namespace Monitor.Projections;

/// <summary>
/// A process-wide setting held at one value while any of several overlapping holders wants it: the first to begin sets
/// it, and the last to end puts back what was there before.
/// </summary>
internal sealed class HeldSetting<T>(Func<T> get, Action<T> set, T held)
{
    private readonly Lock _gate = new();
    private int _holders;
    private T _before = default!;

    /// <summary>Holds the setting until the returned scope is disposed.</summary>
    public Scope Begin()
    {
        lock (_gate)
        {
            if (_holders++ == 0)
            {
                _before = get();
                set(held);
            }
        }
        return new Scope(this);
    }

    private void End()
    {
        lock (_gate)
        {
            if (--_holders == 0) set(_before);
        }
    }

    public readonly struct Scope(HeldSetting<T> setting) : IDisposable
    {
        public void Dispose() => setting.End();
    }
}
