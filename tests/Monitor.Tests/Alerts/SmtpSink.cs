using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Monitor.Tests.Alerts;

/// <summary>
/// A real SMTP server on a loopback port: Debian's python3-aiosmtpd, storing each message it accepts in a
/// Maildir that the test reads back. `.ci/run` installs it; run by hand, install it first.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly System.Diagnostics.Process _process;
    private readonly TempFolder _maildir = new();

    private SmtpSink(System.Diagnostics.Process process, int port, TempFolder maildir) => (_process, Port, _maildir) = (process, port, maildir);

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        if (!File.Exists("/usr/lib/python3/dist-packages/aiosmtpd/__init__.py"))
            throw new InvalidOperationException("The SMTP sink is missing: run scripts/test, which installs it (or `sudo apt-get install -y python3-aiosmtpd`).");
        var maildir = new TempFolder();
        var port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", System.IO.Path.Combine(maildir.Path, "mail") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var sink = new SmtpSink(System.Diagnostics.Process.Start(start)!, port, maildir);
        await Eventually.TrueAsync(() => Listening(port), $"the SMTP sink to listen on port {port}", 15);
        return sink;
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(_maildir.Path, "mail", "new");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f))).OrderBy(f => f.Time)
                .Select(f => MimeMessage.Load(f.File)).ToList()
            : [];
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _maildir.Dispose();
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
