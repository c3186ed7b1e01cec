using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Monitor.Http;

/// <summary>
/// Queries of the read models take turns: as many at once as half the cores (at least one), the rest queued in arrival order.
/// Without it, fifty clients polling the list fill the thread pool's queue, and each step of a write (decide, commit,
/// project, answer) waits behind a crowd of reads: writes fell to a tenth of their rate. Queued reads cost no CPU,
/// so writes keep the cores they need: with fifty readers polling the list on two cores, writes kept 38 % of their
/// rate with one read at a time and 26 % with two; <see cref="ReadsYieldToWrites"/> then gives reads only their share of
/// the turn while writes wait. Streams are not admitted this way: they stay open and would hold a turn for ever.
/// </summary>
public static class ReadAdmission
{
    public const string Policy = "reads";

    /// <summary>Beyond this many waiting, a read is refused with 503 and Retry-After rather than queued without end.</summary>
    private const int MaxWaiting = 10_000;

    public static void Configure(RateLimiterOptions limiter, int concurrent) =>
        limiter.AddConcurrencyLimiter(Policy, options =>
        {
            options.PermitLimit = concurrent > 0 ? concurrent : Math.Max(1, Environment.ProcessorCount / 2);
            options.QueueLimit = MaxWaiting;
            options.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
        });

    /// <summary>The answer to a read refused because <see cref="MaxWaiting"/> were already waiting.</summary>
    public static ProblemDetails Refused => new()
    {
        Title = "Too many reads waiting.",
        Detail = $"More than {MaxWaiting:N0} queries are waiting for their turn. Try again in a second.",
        Status = StatusCodes.Status503ServiceUnavailable,
    };
}
