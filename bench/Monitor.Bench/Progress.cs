using System.Diagnostics;
using System.Globalization;

namespace Monitor.Bench;

/// <summary>Progress of a long phase on standard error, every tenth of the way, so standard output stays the table.</summary>
public sealed class Progress(string what, long total)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastTenth;

    public static void Phase(string text) => Console.Error.WriteLine("bench: " + text);

    public void Report(long done)
    {
        var tenth = done * 10 / Math.Max(total, 1);
        if (tenth <= _lastTenth) return;
        _lastTenth = tenth;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench:   {what} {done:N0} of {total:N0} ({tenth * 10}%) after {Stopwatch.GetElapsedTime(_started).TotalSeconds:N1} s"));
    }
}
