using Monitor.EventStore;
using Monitor.Hosting;
using Monitor.Projections;

namespace Monitor.Cli;

/// <summary>`serve` until stopped; a start refused (a folder already held, a damaged store) is said in one line and exits 1.</summary>
internal static class Serving
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        try
        {
            Bus.BusAdapters.PrepareInBackground();
            var app = MonitorServer.Build(args);
            var projector = app.Services.GetRequiredService<Projector>();
            app.Lifetime.ApplicationStarted.Register(() => Greeting.Tell(app));
            await app.RunAsync(ct);
            return projector.Damage is { } damage ? await RefuseAsync(damage) : 0;
        }
        catch (Exception error) when (error is StartRefusedException or StoreDamagedException)
        {
            return await RefuseAsync(error.Message);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException refused)
        {
            return await RefuseAsync("not started.\n" + string.Join('\n', refused.Failures));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            // A port already taken, a data folder this user cannot write, a seed file that does not hold: said, not traced.
            return await RefuseAsync($"not started: {error.Message}");
        }
    }

    private static async Task<int> RefuseAsync(string why)
    {
        await Console.Error.WriteLineAsync("monitor serve: " + why);
        return 1;
    }
}
