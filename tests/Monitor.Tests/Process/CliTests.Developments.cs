using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitor.Tests.Process;

/// <summary>Recording real news from the command line: interval dates, added reports, possible duplicates, corrections, replay as reported.</summary>
public sealed partial class CliTests
{
    [Fact]
    public async Task A_development_recorded_with_an_interval_is_listed_with_its_full_id_and_its_period_in_words()
    {
        var id = await RecordAsync("defense-minister", "contact-held", "2023-09/2023-12", "Wire A", "2024-01-05");

        var (code, output, error) = await Monitor("developments", "--channel", "defense-minister", "--kind", "contact-held", "--from", "2023-09", "--to", "2023-09");
        Assert.True(code == 0, error);
        Assert.Matches($@"{id}\s+Sep–Dec 2023\s+contact-held\s+defense-minister\s+1\s+recorded\s+Report from Wire A", output);
        Assert.Matches(@"(?m)^1 of 1$", output);
    }

    [Fact]
    public async Task An_added_source_raises_the_corroboration_and_the_same_source_again_is_refused()
    {
        var id = await RecordAsync("military", "contact-requested", "2025-01-14", "Wire A", "2025-01-15");
        string[] report = ["--title", "Washington asks for talks", "--publisher", "Wire B", "--published-on", "2025-01-16", "--evidence", "asked for talks"];

        var added = await Monitor(["add-source", id, .. report, "--key", Key]);
        Assert.True(added.Code == 0, added.Error);
        Assert.Contains("corroboration 2", added.Output);

        var file = Path.Combine(_data.Path, "source.json");
        await File.WriteAllTextAsync(file, """
            {"title": "Washington asks for talks", "publisher": "Wire B", "publishedOn": "2025-01-16", "evidence": "asked for talks"}
            """);
        var again = await Monitor("add-source", id, "--file", file, "--key", Key);
        Assert.Equal(1, again.Code);
        Assert.Contains("409", again.Error);
        Assert.Contains("already there", again.Error);
    }

    [Fact]
    public async Task A_possible_duplicate_lists_the_candidate_and_distinct_from_it_records_anyway()
    {
        var first = await RecordAsync("defense-minister", "contact-held", "2023-11", "Wire A", "2023-12-01");
        string[] second = ["record", .. Facts("defense-minister", "contact-held", "2023-11-20", "Wire B", "2023-12-02"), "--key", Key];

        var refused = await Monitor(second);
        Assert.Equal(1, refused.Code);
        Assert.Matches($@"{first}\s+November 2023\s+contact-held\s+Report from Wire A", refused.Error);
        Assert.Contains($"monitor add-source {first}", refused.Error);
        Assert.Contains($"--distinct-from {first}", refused.Error);

        var recorded = await Monitor([.. second, "--distinct-from", first]);
        Assert.True(recorded.Code == 0, recorded.Error);
        Assert.Matches(@"Recorded [0-9a-f-]{36} \(20 Nov 2023, contact-held on defense-minister\)", recorded.Output);
    }

    [Fact]
    public async Task A_correction_of_one_field_keeps_every_other_fact_and_the_sources_added_since()
    {
        var id = await RecordAsync("theater-commander", "contact-planned", "2024-12-02", "Wire A", "2024-12-03", "--planned-for", "2025-01", "--actor", "Adm. Paparo");
        var added = await Monitor("add-source", id, "--title", "Call planned", "--publisher", "Wire B", "--published-on", "2024-12-04", "--evidence", "a call", "--key", Key);
        Assert.True(added.Code == 0, added.Error);

        var (code, output, error) = await Monitor("correct", id, "--occurred-on", "2024-11/2024-12", "--reason", "Planned some time before the report.", "--key", Key);
        Assert.True(code == 0, error);
        Assert.Contains("Nov–Dec 2024", output);

        using var http = _server.Client(Key);
        var development = JsonDocument.Parse(await http.GetStringAsync($"/api/developments/{id}")).RootElement;
        Assert.Equal("2024-11/2024-12", development.GetProperty("occurredOn").GetString());
        Assert.Equal("corrected", development.GetProperty("state").GetString());
        Assert.Equal("2025-01", development.GetProperty("plannedFor").GetString());
        Assert.Equal("contact-planned", development.GetProperty("kind").GetString());
        Assert.Equal("Report from Wire A", development.GetProperty("summary").GetString());
        Assert.Equal(["theater-commander"], development.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Adm. Paparo"], development.GetProperty("actors").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Wire A", "Wire B"], development.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("publisher").GetString()));
    }

    [Fact]
    public async Task Status_reported_by_a_day_before_the_news_gives_the_earlier_answer()
    {
        await RecordAsync("defense-minister", "contact-held", "2025-01-10", "Wire A", "2025-01-20");

        var now = await Monitor("status", "--as-of", "2025-02-01");
        Assert.Matches(@"defense-minister\s+active\s+10 Jan 2025", now.Output);

        var (code, output, error) = await Monitor("status", "--as-of", "2025-02-01", "--reported-by", "2025-01-15");
        Assert.True(code == 0, error);
        Assert.Contains("as of 2025-02-01, as reported by 2025-01-15", output);
        Assert.Matches(@"defense-minister\s+\w+", output);
        Assert.DoesNotMatch(@"defense-minister\s+active", output);
    }

    [Fact]
    public async Task The_timeline_marks_uncertain_developments_and_overdue_plans()
    {
        await RecordAsync("theater-commander", "contact-held", "2024-12-10/2024-12-12", "Wire A", "2024-12-13");
        await RecordAsync("theater-commander", "contact-planned", "2025-01-06", "Wire B", "2025-01-06", "--planned-for", "2025-01-20");
        await RecordAsync("theater-commander", "contact-held", "2025-02/2025-03", "Wire C", "2025-03-05");

        var (code, output, error) = await Monitor("timeline", "theater-commander", "--as-of", "2025-02-15");
        Assert.True(code == 0, error);
        Assert.Matches(@"10–12 Dec 2024\s+2024-12-12\s+active\s+Report from Wire A", output);
        Assert.Matches(@"6 Jan 2025\s+contact-planned\s+active\s+overdue for 2025-01-20\s+Report from Wire B", output);
        Assert.Matches(@"Feb–Mar 2025\s+contact-held\s+active\s+\?\s+Report from Wire C", output);
        Assert.Contains("? may have happened by 2025-02-15", output);
    }

    /// <summary>Records from flags (summary "Report from PUBLISHER") and returns the id the command printed.</summary>
    private async Task<string> RecordAsync(string channel, string kind, string occurredOn, string publisher, string publishedOn, params string[] more)
    {
        var (code, output, error) = await Monitor(["record", .. Facts(channel, kind, occurredOn, publisher, publishedOn), .. more, "--key", Key]);
        Assert.True(code == 0, error);
        var recorded = Regex.Match(output, "^Recorded ([0-9a-f-]{36})");
        Assert.True(recorded.Success, output);
        return recorded.Groups[1].Value;
    }

    private static string[] Facts(string channel, string kind, string occurredOn, string publisher, string publishedOn) =>
    [
        "--channel", channel, "--kind", kind, "--occurred-on", occurredOn, "--summary", $"Report from {publisher}",
        "--source-title", $"{publisher} on {channel}", "--source-publisher", publisher, "--source-published-on", publishedOn,
        "--evidence", "as reported",
    ];
}
