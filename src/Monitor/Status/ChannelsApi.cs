using System.Globalization;
using Monitor.Hosting;
using Monitor.Http;
using Monitor.Projections;
using Monitor.Recording;

namespace Monitor.Status;

public static class ChannelsApi
{
    public static void MapChannelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/channels", (ReadModel model, TimeProvider clock, string? asOf, string? knownAt) =>
            Moment(asOf, knownAt, clock.Today()) is var (day, at, problem) && problem is not null ? problem
                : Results.Ok(model.Read(m => m.Board.Catalog.All.Select(c => m.Status(c, day, at)).ToList())));

        api.MapGet("/channels/{id}", (string id, ReadModel model, TimeProvider clock, string? asOf, string? knownAt) =>
            model.Board.Catalog.Find(id) is not { } channel ? Problems.NotFound($"No channel '{id}'.")
            : Moment(asOf, knownAt, clock.Today()) is var (day, at, problem) && problem is not null ? problem
            : Results.Ok(model.Read(m => m.Status(channel, day, at))));

        api.MapGet("/channels/{id}/timeline", (string id, ReadModel model, TimeProvider clock, string? knownAt) =>
            model.Board.Catalog.Find(id) is not { } channel ? Problems.NotFound($"No channel '{id}'.")
            : Moment(null, knownAt, clock.Today()) is var (_, at, problem) && problem is not null ? problem
            : Results.Ok(model.Read(m => m.Timeline(channel, at))));
    }

    /// <summary>asOf: a date (default today; a partial date means its first day). knownAt: an ISO-8601 instant (default now).</summary>
    public static (DateOnly AsOf, DateTimeOffset? KnownAt, IResult? Problem) Moment(string? asOf, string? knownAt, DateOnly today)
    {
        var day = today;
        if (asOf is not null)
        {
            if (!PartialDate.TryParse(asOf, out var date, out var error)) return (day, null, Problems.Invalid("asOf", error));
            day = date.Start;
        }
        if (knownAt is null) return (day, null, null);
        return DateTimeOffset.TryParse(knownAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (day, at, null)
            : (day, null, Problems.Invalid("knownAt", $"'{knownAt}' is not an ISO-8601 instant, e.g. 2024-03-01T12:00:00Z."));
    }
}
