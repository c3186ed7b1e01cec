using Monitor.Channels;

namespace Monitor.Hosting;

/// <summary>The "Monitor" configuration section.</summary>
public sealed class MonitorOptions
{
    /// <summary>Folder of the embedded store (monitor.db), relative to the folder the program is run from.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>`sqlite` (embedded, in <see cref="DataDirectory"/>) or `postgres` (the database of ConnectionStrings:Postgres).</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>`inmemory` (MassTransit's in-process bus) or `rabbitmq` (the broker of ConnectionStrings:RabbitMq).</summary>
    public string Bus { get; set; } = "inmemory";

    /// <summary>`memory` (Quartz's RAM job store) or `postgres` (Quartz's job store clustered on ConnectionStrings:Postgres).</summary>
    public string Scheduler { get; set; } = "memory";

    /// <summary>The seed timeline loaded into an empty store; empty to start with no history.</summary>
    public string? SeedPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "seeds", "developments.json");

    public List<Channel> Channels { get; set; } = [];

    /// <summary>Queries of the read models answered at once (0: half the cores, at least one); the rest wait their turn. See <see cref="Http.ReadAdmission"/>.</summary>
    public int ConcurrentReads { get; set; }

    /// <summary>
    /// The share of time, in percent, reads may take while writes are waiting (100: no limit). See <see cref="Http.ReadsYieldToWrites"/>.
    /// 5 by default. Reads take about twice this share of the processor (the HTTP work around each is not counted), and
    /// writes are to keep 80 % of their rate. With fifty clients polling the list on two cores, at 5 writes kept 80-89 %
    /// (mean 85 %) and reads got about 300 answers a second; at 10, once writes were decided a batch behind the read
    /// models, 73-85 % (mean 80 %) and reads about 500; at 20, 62 % and about 2,000.
    /// </summary>
    public int ReadSharePercentUnderWrites { get; set; } = 5;

    public AuthOptions Auth { get; set; } = new();

    public AlertOptions Alerts { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public Projections.Snapshots.SnapshotOptions Snapshots { get; set; } = new();

    public ChannelCatalog Catalog() => new(Channels.Count > 0 ? Channels : ChannelCatalog.Defaults);
}

public sealed class AuthOptions
{
    /// <summary>Bearer keys allowed to write. When none is configured, serve makes one and keeps it in <see cref="KeyFile"/>.</summary>
    public List<string> AnalystKeys { get; set; } = [];

    /// <summary>Where the generated analyst key is kept (default: the user's configuration folder, see <see cref="AnalystKeyFile"/>).</summary>
    public string? KeyFile { get; set; }

    /// <summary>When any is set, reads need one of these (or an analyst key).</summary>
    public List<string> ReaderKeys { get; set; } = [];

    /// <summary>Requests per minute from one client with a key that is not configured, before it gets 429.</summary>
    public int FailedAttemptsPerMinute { get; set; } = 10;
}

/// <summary>"Monitor:Alerts": when time-based alerts fire, and how often detection runs without being asked.</summary>
public sealed class AlertOptions
{
    public int QuietAfterDays { get; set; } = 90;
    public int PendingOverdueAfterDays { get; set; } = 60;
    public int DigestHourUtc { get; set; } = 7;

    /// <summary>The safety net: appends trigger detection at once; this schedule catches anything missed.</summary>
    public TimeSpan DetectionInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the clock is checked for quiet channels, overdue pending statuses and the digest.</summary>
    public TimeSpan TimeCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the live stream may stay silent: then it sends a comment, so proxies keep it open and clients know it lives.</summary>
    public TimeSpan StreamHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    public DeliveryOptions Delivery { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();
}

/// <summary>"Monitor:Alerts:Webhooks": which receivers may be reached.</summary>
public sealed class WebhookOptions
{
    /// <summary>Lets webhooks reach loopback, private and link-local addresses: for receivers on this machine or network.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Host names, addresses or networks (CIDR) webhooks may reach even where they are private.</summary>
    public List<string> AllowedHosts { get; set; } = [];
}

/// <summary>"Monitor:Alerts:Delivery": retries with exponential back-off (and jitter) until the attempts run out.</summary>
public sealed class DeliveryOptions
{
    public int Attempts { get; set; } = 8;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries in progress at once: a hanging receiver holds one slot, not the queue.</summary>
    public int Concurrency { get; set; } = 32;
}

/// <summary>"Monitor:Smtp": the mail server alerts and digests are sent through.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;

    /// <summary>none | starttls | ssl | auto.</summary>
    public string Security { get; set; } = "none";

    public string From { get; set; } = "Monitor <monitor@localhost>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
