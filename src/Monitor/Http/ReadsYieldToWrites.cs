using System.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Monitor.Hosting;
using Monitor.Recording;

namespace Monitor.Http;

/// <summary>
/// While writes are waiting, an admitted read keeps its turn for a while after it has answered, so that reads take at
/// most their share of the time (<see cref="MonitorOptions.ReadSharePercentUnderWrites"/>) and writes the rest. Reads
/// take turns (<see cref="ReadAdmission"/>), so fifty clients polling the list would otherwise hold one core between
/// them however cheap a read is, and the writes of an analyst would crawl; each read is delayed only by a few times its
/// own cost, and not at all when no write waits. The answer has been sent by then: only the next read waits.
/// </summary>
public sealed class ReadsYieldToWrites(RequestDelegate next, LedgerBatcher writes, IOptions<MonitorOptions> options)
{
    private readonly int _share = options.Value.ReadSharePercentUnderWrites;

    /// <summary>Why the setting cannot be used, or null.</summary>
    public static string? Refusal(int share) => share is >= 1 and <= 100 ? null
        : $"Monitor:ReadSharePercentUnderWrites is {share}: give a percentage from 1 to 100 (100 lets reads take all the time they want while writes wait).";

    public async Task InvokeAsync(HttpContext context)
    {
        if (_share == 100 || context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != ReadAdmission.Policy)
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        await next(context);
        if (!writes.Busy) return;
        await context.Response.CompleteAsync(); // sent before the pause, and its sending counted in the read's cost
        await Task.Delay(Pause(Stopwatch.GetElapsedTime(started), _share));
    }

    /// <summary>
    /// How long a read that took <paramref name="read"/> holds its turn so that reads take <paramref name="share"/> % of the
    /// time, at most <see cref="MaxPause"/>.
    /// </summary>
    public static TimeSpan Pause(TimeSpan read, int share) => TimeSpan.FromTicks(Math.Min(read.Ticks * (100 - share) / share, MaxPause.Ticks));

    /// <summary>
    /// The longest a read holds its turn. A long read (an export, written to the client as it is read) lets writes go on
    /// while it runs, as it takes the lock a turn at a time (<see cref="Recording.ListTurns"/>); unbounded, its pause made
    /// the next read wait nine times its length: 37 s after a 4-s export of a million developments, with a writer busy.
    /// Polls of the list take milliseconds, so this leaves their share as it was.
    /// </summary>
    public static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(250);
}
