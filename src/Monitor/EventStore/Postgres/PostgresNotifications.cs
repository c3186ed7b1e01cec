using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monitor.EventStore.Postgres;

/// <summary>
/// Wakes this process's readers when any process commits: one connection LISTENs on the channel every append
/// NOTIFYs at its commit. While that connection is down, readers still re-read every second (AppendSignal).
/// </summary>
internal sealed class PostgresNotifications(NpgsqlDataSource dataSource, AppendSignal signal, ILogger logger)
{
    public const string Channel = "monitor_events";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1), LastRetry = TimeSpan.FromSeconds(30);

    public async Task ListenAsync(CancellationToken ct)
    {
        var retry = FirstRetry;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, e) => signal.Committed(long.Parse(e.Payload, CultureInfo.InvariantCulture));
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
                retry = FirstRetry;
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) // any failure: listening must not end while the store is open
            {
                logger.LogWarning(error, "Not listening for appends ({Reason}): readers re-read every second meanwhile; listening again in {Retry}.",
                    error.Message, retry);
            }
            try
            {
                await Task.Delay(retry, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }
}
