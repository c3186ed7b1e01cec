using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Alerts;
using Monitor.Auth;
using Monitor.Bus;
using Monitor.Dashboard;
using Monitor.EventStore;
using Monitor.Feeds;
using Monitor.Health;
using Monitor.Http;
using Monitor.Json;
using Monitor.Metrics;
using Monitor.Channels;
using Monitor.Projections;
using Monitor.Projections.Snapshots;
using Monitor.Recording;
using Monitor.Seeding;
using Monitor.Status;
using Monitor.Subscriptions;

namespace Monitor.Hosting;

/// <summary>The composition root: which adapter stands behind each port, and which APIs are mapped.</summary>
public static class MonitorServer
{
    /// <summary>The adapter chosen by Monitor:Store, before the counting every append goes through.</summary>
    private const string StoreAdapter = "adapter";

    /// <param name="overrides">For tests: replaces registrations (a controllable clock, say) after the defaults.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrides = null)
    {
        // Settings ship beside the program, so `serve` reads them whatever the working folder is.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var section = builder.Configuration.GetSection("Monitor");
        var options = section.Get<MonitorOptions>() ?? new MonitorOptions();
        if (ReadsYieldToWrites.Refusal(options.ReadSharePercentUnderWrites) is { } refusal) throw new StartRefusedException(refusal);
        var folder = DataFolder.Take(Path.GetFullPath(options.DataDirectory));
        var dataDirectory = folder.Path;

        var analystKeys = AnalystKeyFile.Resolve(options.Auth, dataDirectory);
        var snapshotPath = Path.Combine(dataDirectory, ReadModelSnapshot.FileName);

        builder.Services.Configure<MonitorOptions>(section);
        builder.Services.PostConfigure<MonitorOptions>(o => o.Auth.AnalystKeys = analystKeys.Keys);
        builder.Services.AddSingleton(analystKeys);
        builder.Services.AddMonitorAuth(options.Auth, options.ConcurrentReads);
        builder.Services.AddSingleton(_ => folder); // the container lets go of the lock when the app is disposed
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LogThrottle>();
        var catalog = options.Catalog();
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<MonitorMetrics>();
        builder.Services.AddKeyedSingleton(StoreAdapter, (sp, _) => StoreAdapters.Open(options.Store, builder.Configuration, dataDirectory, sp));
        builder.Services.AddSingleton<IEventStore>(sp =>
            new CountingEventStore(sp.GetRequiredKeyedService<IEventStore>(StoreAdapter), sp.GetRequiredService<MonitorMetrics>()));
        builder.Services.AddSingleton(sp => (ISubscriptionCheckpoints)sp.GetRequiredKeyedService<IEventStore>(StoreAdapter));
        builder.Services.AddSingleton<ReadModel>();
        builder.Services.AddSingleton<DecidingWriter>();
        builder.Services.AddSingleton<LedgerBatcher>();
        builder.Services.AddSingleton<LedgerWriter>();
        builder.Services.AddSingleton(options.Snapshots);
        // Loading the read models goes on while the host is built and starts, on the other core, rather than after.
        var snapshotReading = ReadModelSnapshot.BeginReading(snapshotPath, catalog);
        builder.Services.AddSingleton(sp => new ReadModelSnapshot(snapshotPath, catalog, sp.GetRequiredService<IEventStore>(),
            sp.GetRequiredService<ILogger<ReadModelSnapshot>>(), snapshotReading));
        builder.Services.AddSingleton<Projector>();
        builder.Services.AddHostedService(sp => new SeedOnFirstStart(sp, options.SeedPath));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Projector>());
        builder.Services.AddHostedService<Snapshotter>();
        builder.Services.AddAlerts(options, builder.Configuration);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddAlertConsumers(options.Alerts.Delivery);
            bus.Use(options.Bus, builder.Configuration);
        });
        builder.Services.AddProblems();
        builder.Services.AddMonitorOpenApi();
        builder.Services.AddMonitorHealth();
        builder.Services.AddExceptionHandler<FailureHandler>();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.MaxBytes);
        builder.Services.ConfigureHttpJsonOptions(json => MonitorJson.Configure(json.SerializerOptions));

        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        // MassTransit builds the bus when /health is mapped (its check lists the buses): about a quarter of the host's build
        // in a profile of a restart. Built here on another thread, it overlaps with the rest, and /health is mapped last.
        var buildingBus = Task.Run(() => app.Services.GetRequiredService<IBus>());
        _ = app.Services.GetRequiredService<ReadModelSnapshot>(); // holds the reading begun above: let go of with the app
        _ = app.Services.GetRequiredService<DataFolder>();
        _ = app.Services.GetRequiredService<IEventStore>(); // opened now: a damaged or emptied store refuses the start
        _ = app.Services.GetRequiredService<IOptions<MonitorOptions>>().Value; // a blank or short key refuses the start, not the first write
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMonitorAuth();
        app.UseMiddleware<ReadsYieldToWrites>();
        var api = app.MapGroup("/api").RequireAuthorization(Roles.Reader).ServeOnceCaughtUp();
        api.MapGroup("").WithTags("Channels").MapChannelsApi();
        api.MapGroup("").WithTags("Developments").MapDevelopmentsApi();
        api.MapGroup("").WithTags("Subscriptions").MapSubscriptionsApi();
        api.MapGroup("").WithTags("Alerts").MapAlertsApi();
        app.MapDashboard();
        app.MapMonitorMetrics();
        app.MapStatusFeeds();
        app.MapMonitorOpenApi();
        buildingBus.GetAwaiter().GetResult(); // a bus that cannot be built fails the start, as it did when built here
        app.MapMonitorHealth();
        return app;
    }
}
