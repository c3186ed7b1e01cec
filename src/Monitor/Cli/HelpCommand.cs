using System.CommandLine;

namespace Monitor.Cli;

/// <summary>`monitor help [COMMAND...]`: what --help says, for people who type the word; a command that is not one is refused.</summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var topic = new Argument<string[]>("command") { Arity = ArgumentArity.ZeroOrMore, Description = "The command to explain, e.g. `record`." };
        var help = new Command("help", "Show how to use the monitor, or one of its commands.") { topic };
        help.SetAction(async (parsed, ct) =>
        {
            var words = parsed.GetValue(topic) ?? [];
            var path = words.TakeWhile(word => !word.StartsWith('-')).ToList(); // options after it (--server URL) are the command's
            Command? command = root;
            foreach (var word in path) command = command?.Subcommands.FirstOrDefault(c => c.Name == word || c.Aliases.Contains(word));
            if (command is null)
            {
                await Console.Error.WriteLineAsync($"No command '{SafeText.Visible(string.Join(' ', path))}'. "
                    + $"Commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}.");
                return 1;
            }
            return await root.Parse([.. words, "--help"]).InvokeAsync(cancellationToken: ct);
        });
        return help;
    }
}
