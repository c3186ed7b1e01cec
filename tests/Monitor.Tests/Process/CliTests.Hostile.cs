using Monitor.EventStore;
using Monitor.EventStore.Sqlite;
using Monitor.Recording;

namespace Monitor.Tests.Process;

/// <summary>Whatever the server sends, the CLI prints it as text: no escape sequence, C1 control or bidi override reaches the terminal.</summary>
public sealed partial class CliTests
{
    /// <summary>A summary meant to clear the screen, forge a row and reverse a word: recorded before the server refused such text.</summary>
    private const string HostileSummary =
        "Talks held.\u001b[2J\u001b[H\nFORGED  active  row\r\u009b31m red \u202Edias\u202C \u2066isolated\u2069 zero\u200Bwidth";

    [Fact]
    public async Task Text_recorded_before_the_input_rules_is_printed_inert()
    {
        using var data = new TempFolder();
        await using (var store = new SqliteEventStore(Path.Combine(data.Path, "monitor.db"), TimeProvider.System))
        {
            var facts = new DevelopmentFacts(["military"], DevelopmentKind.ContactHeld, Period.Parse("2024-09-01"), HostileSummary, [],
                [new Source("Talks \u001b]0;owned\u0007held", "Wire\u202E", null, PartialDate.Of(2024, 9, 1), "held talks")]);
            await store.AppendAsync(Ledger.StreamName, ExpectedRevision.NoStream,
                [LedgerCodec.Encode(new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), facts))]);
        }
        using var server = await ServerProcess.StartAsync(data.Path, Key);

        string[][] commands = [["timeline", "military"], ["timeline", "military", "--json"], ["developments"], ["status"]];
        foreach (var command in commands)
        {
            var (code, output, error) = await Run([.. command, "--server", server.Address.ToString()]);
            Assert.True(code == 0, error);
            Assert.Contains("Talks held.", output);
            Assert.DoesNotMatch("(?m)^FORGED", output);
            Assert.Empty(Acting(output));
        }
    }

    [Fact]
    public async Task A_refusal_that_quotes_the_input_is_printed_inert()
    {
        var (code, _, error) = await Monitor("developments", "--channel", "\u001b[2Jnavy\u202E", "--kind", "\u009b31m");
        Assert.Equal(1, code);
        Assert.Contains("channel: Unknown channel", error);
        Assert.Empty(Acting(error));
    }

    /// <summary>Characters a terminal would act on or hide: C0 (line breaks aside), DEL, C1, bidi controls, the zero-width space.</summary>
    private static IEnumerable<string> Acting(string printed) => printed
        .Where(c => c != '\n'
            && (c < ' ' || c is >= '\u007F' and <= '\u009F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200B'))
        .Select(c => $"U+{(int)c:X4}");
}
