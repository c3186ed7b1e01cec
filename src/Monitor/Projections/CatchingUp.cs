using Monitor.Http;

namespace Monitor.Projections;

public static class CatchingUp
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Until the read models have caught up with the log present at start, the group's endpoints answer 503
    /// with Retry-After: a half-built read model would serve partial history and decide writes against it.
    /// </summary>
    public static RouteGroupBuilder ServeOnceCaughtUp(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<Projector>().IsReady ? await next(context)
                : Unavailable.Problem(context.HttpContext, "The read models are catching up with the log after a start: retry shortly.", RetryAfter));
}
