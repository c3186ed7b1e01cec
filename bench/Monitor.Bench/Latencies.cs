namespace Monitor.Bench;

/// <summary>Timed samples of one operation, and their percentiles.</summary>
public sealed class Latencies(int capacity)
{
    private readonly List<TimeSpan> _samples = new(capacity);
    private bool _sorted;

    public int Count => _samples.Count;

    public TimeSpan Total { get; private set; }

    public IReadOnlyList<TimeSpan> All => _samples;

    public void Add(TimeSpan sample)
    {
        _samples.Add(sample);
        Total += sample;
        _sorted = false;
    }

    /// <summary>The nearest-rank percentile, <paramref name="p"/> in (0, 100].</summary>
    public TimeSpan Percentile(double p)
    {
        if (_samples.Count == 0) throw new InvalidOperationException("No samples.");
        if (!_sorted) _samples.Sort();
        _sorted = true;
        var rank = (int)Math.Ceiling(p / 100 * _samples.Count);
        return _samples[Math.Clamp(rank - 1, 0, _samples.Count - 1)];
    }
}
