using Monitor.Hosting;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// The job store Monitor:Scheduler names: Quartz's RAM store (one server), or its ADO store clustered on the PostgreSQL
/// database of ConnectionStrings:Postgres, where the servers sharing it take turns so each trigger fires on one of them.
/// </summary>
internal static class SchedulerAdapters
{
    /// <summary>The same on every server: a cluster is the servers sharing a scheduler name and tables.</summary>
    private const string ClusterName = "monitor";

    /// <exception cref="StartRefusedException">The scheduler is unknown, or its database not named or out of reach.</exception>
    public static void Use(this IQuartzBuilder quartz, string scheduler, IConfiguration configuration)
    {
        switch (scheduler)
        {
            case "memory":
                return;
            case "postgres":
                var connectionString = configuration.GetConnectionString("Postgres");
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new StartRefusedException("Monitor:Scheduler is 'postgres', but ConnectionStrings:Postgres is not set: set it to the "
                        + "database's connection string in Npgsql format (Host=...;Database=...;Username=...;Password=...), "
                        + "or use Monitor:Scheduler=memory.");
                }
                SchedulerDatabase.Check(connectionString);
                quartz.ConfigureScheduler(scheduler =>
                {
                    scheduler.InstanceName = ClusterName;
                    scheduler.GenerateInstanceId = true; // each server its own id within the cluster, as clustering requires
                });
                quartz.UsePersistentStore(store =>
                {
                    // Job data as strings: readable in the tables, and no type names stored.
                    store.ConfigureStore(ado => ado.StoreJobDataAsStrings = true);
                    store.UsePostgres(connectionString);
                    // Quartz creates its tables where missing, with the DDL of this very version (servers starting
                    // together included); a copy kept here would drift from what the store then validates.
                    store.ProvisionSchema();
                    store.UseSystemTextJsonSerializer();
                    // A server that stops checking in is presumed dead after this: its running jobs are recovered elsewhere.
                    store.UseClustering(cluster => (cluster.CheckinInterval, cluster.CheckinMisfireThreshold) =
                        (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)));
                });
                return;
            default:
                throw new StartRefusedException($"Monitor:Scheduler '{scheduler}' is not a scheduler this program has: use 'memory' (one server) "
                    + "or 'postgres' (clustered on the database named by ConnectionStrings:Postgres).");
        }
    }
}
