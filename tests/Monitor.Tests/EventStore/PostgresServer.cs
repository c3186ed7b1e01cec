using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Monitor.Tests.EventStore;

/// <summary>
/// A throwaway PostgreSQL 15 cluster: initdb into a temp folder, started on a free loopback port with its socket in
/// that folder and fsync on (durability is what the store promises), with a password so a wrong one is refused as
/// in production; stopped and deleted at the end. Debian's postgresql package brings the binaries and scripts/test
/// installs it. initdb refuses to run as root, so as root the binaries run as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private const string SystemUser = "postgres";
    public const string User = "postgres";
    private readonly TempFolder _folder = new();
    private readonly string _password = Guid.NewGuid().ToString("N");

    public int Port { get; } = FreePort();

    private string DataDirectory => Path.Combine(_folder.Path, "data");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "postgres")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is missing ({Bin}/postgres): run scripts/test, which installs it, "
                + "or `sudo apt-get install -y postgresql`.");
        }
        var passwordFile = Path.Combine(_folder.Path, "password");
        await File.WriteAllTextAsync(passwordFile, _password);
        if (Environment.IsPrivilegedProcess) await RunAsync("/usr/bin/chown", "-R", $"{SystemUser}:{SystemUser}", _folder.Path);
        // --no-sync only spares initdb's own flush of the template files; the server below runs with fsync on.
        await RunPostgresAsync("initdb", "--pgdata", DataDirectory, "--username", User, "--auth", "scram-sha-256",
            "--pwfile", passwordFile, "--encoding", "UTF8", "--locale", "C", "--no-sync");
        await StartAsync();
    }

    /// <summary>A new, empty database: its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "monitor_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database, string? password = null) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = User, Password = password ?? _password }
            .ToString();

    /// <summary>Stops the server as a power cut would (no checkpoint, no goodbye to clients), then starts it: it recovers from its WAL.</summary>
    public async Task CrashAndRestartAsync()
    {
        await RunPostgresAsync("pg_ctl", "stop", "--pgdata", DataDirectory, "--mode", "immediate", "--wait");
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await RunPostgresAsync("pg_ctl", "stop", "--pgdata", DataDirectory, "--mode", "immediate", "--wait");
        _folder.Dispose();
    }

    private Task StartAsync() => RunPostgresAsync("pg_ctl", "start", "--pgdata", DataDirectory, "--wait",
        "--log", Path.Combine(_folder.Path, "server.log"),
        "--options", $"-c port={Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_folder.Path} -c fsync=on -c max_connections=300");

    private Task RunPostgresAsync(string program, params string[] arguments) => Environment.IsPrivilegedProcess
        ? RunAsync("/usr/sbin/runuser", ["-u", SystemUser, "--", Path.Combine(Bin, program), .. arguments])
        : RunAsync(Path.Combine(Bin, program), arguments);

    private async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_folder.Path, "server.log");
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await errors}"
                + (File.Exists(log) ? "\nServer log:\n" + await File.ReadAllTextAsync(log) : ""));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The test classes that share one <see cref="PostgresServer"/>, each making databases of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
