using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace Monitor.Tests.Bus;

/// <summary>
/// A throwaway RabbitMQ 3.10 node: its own node name, free loopback ports (AMQP, distribution, and an epmd of its
/// own, so a system broker is neither used nor disturbed), its database and logs in a temp folder; stopped and deleted
/// at the end. Debian's rabbitmq-server package brings it and scripts/test installs it. Run as the rabbitmq user when
/// root, as the package means it to run.
/// </summary>
public sealed class RabbitMqServer : IAsyncLifetime
{
    private const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string Ctl = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    private const string Epmd = "/usr/bin/epmd";
    private const string SystemUser = "rabbitmq";
    private readonly TempFolder _folder = new();
    private readonly int _epmdPort = FreePort();
    private readonly int _distributionPort = FreePort();
    private readonly string _nodeName = $"monitor-test-{Guid.NewGuid():N}@localhost";
    private System.Diagnostics.Process? _node;

    public int Port { get; } = FreePort();

    /// <summary>The broker as ConnectionStrings:RabbitMq names it (guest may connect from loopback, and only from there).</summary>
    public string Uri(string password = "guest", string virtualHost = "") => $"amqp://guest:{password}@127.0.0.1:{Port}/{virtualHost}";

    /// <summary>A new virtual host guest may use, so each test's queues are its own: its URI.</summary>
    public async Task<string> CreateVirtualHostAsync()
    {
        var name = "monitor-" + Guid.NewGuid().ToString("N")[..12];
        await RunAsync(Command(Ctl, "add_vhost", name));
        await RunAsync(Command(Ctl, "set_permissions", "-p", name, "guest", ".*", ".*", ".*"));
        return Uri(virtualHost: name);
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Server))
        {
            throw new InvalidOperationException($"RabbitMQ is missing ({Server}): run scripts/test, which installs it, "
                + "or `sudo apt-get install -y rabbitmq-server`.");
        }
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "rabbitmq.conf"), $"listeners.tcp.1 = 127.0.0.1:{Port}\n");
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "enabled_plugins"), "[].\n");
        if (Environment.IsPrivilegedProcess) await RunAsync(Tool("/usr/bin/chown", "-R", $"{SystemUser}:{SystemUser}", _folder.Path));
        _node = Start();
        await WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_node is { HasExited: false }) _node.Kill(entireProcessTree: true);
        _node?.Dispose();
        // The node started an epmd on its own port, which outlives it: end that one (gone already is fine).
        await RunAsync(Tool(Epmd, "-port", _epmdPort.ToString(), "-kill"), mustSucceed: false);
        _folder.Dispose();
    }

    private System.Diagnostics.Process Start()
    {
        var node = System.Diagnostics.Process.Start(Command(Server))!;
        node.OutputDataReceived += (_, _) => { };
        node.ErrorDataReceived += (_, _) => { };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        return node;
    }

    /// <summary>A RabbitMQ script with this node's settings, as the rabbitmq user when root.</summary>
    private ProcessStartInfo Command(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "/usr/sbin/runuser" : "/usr/bin/env")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var argument in new[] { "-u", SystemUser, "--", "/usr/bin/env" }) start.ArgumentList.Add(argument);
        }
        var folder = _folder.Path;
        string[] environment =
        [
            $"HOME={folder}", $"RABBITMQ_NODENAME={_nodeName}", $"RABBITMQ_NODE_PORT={Port}", "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1",
            $"RABBITMQ_DIST_PORT={_distributionPort}", $"ERL_EPMD_PORT={_epmdPort}", $"RABBITMQ_BASE={folder}",
            $"RABBITMQ_MNESIA_BASE={folder}/mnesia", $"RABBITMQ_LOG_BASE={folder}/log", $"RABBITMQ_CONFIG_FILE={folder}/rabbitmq.conf",
            $"RABBITMQ_ENABLED_PLUGINS_FILE={folder}/enabled_plugins",
            $"RABBITMQ_PID_FILE={folder}/pid", script,
        ];
        foreach (var argument in environment.Concat(arguments)) start.ArgumentList.Add(argument);
        return start;
    }

    private async Task WaitUntilReadyAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(Uri()) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_node!.HasExited) throw new InvalidOperationException($"rabbitmq-server exited with code {_node.ExitCode}: {Log()}");
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private string Log()
    {
        var logs = Path.Combine(_folder.Path, "log");
        return Directory.Exists(logs) ? string.Join('\n', Directory.GetFiles(logs).Select(File.ReadAllText)) : "(no log)";
    }

    private static ProcessStartInfo Tool(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    private static async Task RunAsync(ProcessStartInfo start, bool mustSucceed = true)
    {
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && mustSucceed)
        {
            var command = string.Join(' ', start.ArgumentList.TakeLast(4));
            throw new InvalidOperationException($"{command} exited {process.ExitCode}: {string.Concat(output)}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
