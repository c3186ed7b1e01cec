using System.CommandLine;

namespace Monitor.Cli;

/// <summary>`monitor`: the server (`serve`) and the client commands that talk to a running one.</summary>
public static class MonitorCommands
{
    public static RootCommand Root()
    {
        var root = new RootCommand("Monitor: the state of US–China military communication channels, from a log of reported developments.");
        root.Subcommands.Add(Serve());
        foreach (var command in ClientCommands.All().Concat(AlertCommands.All())) root.Subcommands.Add(command);
        foreach (var command in StoreCommands.All()) root.Subcommands.Add(command);
        root.Subcommands.Add(HelpCommand.Create(root));
        return root;
    }

    private static Command Serve()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5000 (default http://localhost:5000)." };
        var data = new Option<string?>("--data") { Description = "Folder for the embedded store (default ./data, in the folder you run from)." };
        var serve = new Command("serve", "Run the monitor: HTTP API and read models, on the embedded store, loading seeds/ on first start.")
        {
            urls, data,
        };
        serve.TreatUnmatchedTokensAsErrors = false; // further ASP.NET Core configuration, e.g. --Monitor:Auth:AnalystKeys:0=KEY
        serve.SetAction(async (parsed, ct) =>
        {
            if (ConfigurationArguments.Refusal("serve", parsed.UnmatchedTokens) is { } refusal)
            {
                await Console.Error.WriteLineAsync("monitor serve: " + refusal);
                return 1;
            }
            var args = new List<string>(parsed.UnmatchedTokens);
            if (parsed.GetValue(urls) is { } u) args.AddRange(["--urls", u]);
            if (parsed.GetValue(data) is { } d) args.Add("--Monitor:DataDirectory=" + d);
            return await Serving.RunAsync([.. args], ct);
        });
        return serve;
    }
}
