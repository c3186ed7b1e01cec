using System.CommandLine;
using Monitor.Recording;

namespace Monitor.Cli;

/// <summary>
/// The flags that give a development's facts (record, correct), and how they fill a draft: each flag given replaces
/// that field of a basis (nothing, a --file, or the development as recorded); fields not given stay as they were.
/// </summary>
internal sealed class DevelopmentOptions
{
    public static readonly string Kinds = string.Join(", ", WireName.All<DevelopmentKind>());

    private readonly Option<string[]> _channels = new("--channel") { Description = "A channel it bears on (repeat for more).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _kind = new("--kind") { Description = $"What happened: {Kinds}." };
    private readonly Option<string?> _occurredOn = new("--occurred-on")
    {
        Description = "When: YYYY, YYYY-MM or YYYY-MM-DD, or an interval of those with .. for an open end: "
            + "2025-11-18/2025-11-20, 2023-09/2023-12 (late 2023), 2025-10-31/.. (after), ../2024-04 (by).",
    };
    private readonly Option<string?> _plannedFor = new("--planned-for")
    {
        Description = "For contact-planned and restoration-agreed: when the meeting is to happen (same forms as --occurred-on; \"\" clears it).",
    };
    private readonly Option<string?> _summary = new("--summary") { Description = "What happened, in a sentence or two." };
    private readonly Option<string[]> _actors = new("--actor") { Description = "Someone involved (repeat for more)." };
    private readonly SourceOptions _source = new("--source-");

    public IEnumerable<Option> All => [_channels, _kind, _occurredOn, _plannedFor, _summary, _actors, .. _source.All];

    /// <param name="basis">The facts before the flags; its sources are replaced only when a source flag is given, and then only if it has at most one.</param>
    public DevelopmentDraft Overlay(ParseResult parsed, DevelopmentDraft basis) => basis with
    {
        Channels = parsed.Given(_channels) ?? basis.Channels,
        Kind = parsed.Given(_kind) ?? basis.Kind,
        OccurredOn = parsed.Given(_occurredOn) ?? basis.OccurredOn,
        PlannedFor = parsed.Optional(_plannedFor, basis.PlannedFor),
        Summary = parsed.Given(_summary) ?? basis.Summary,
        Actors = parsed.Given(_actors) ?? basis.Actors,
        Sources = parsed.AnyGiven(_source.All) ? [_source.Overlay(parsed, OnlySource(basis))] : basis.Sources,
    };

    public static readonly DevelopmentDraft Empty = new(null, null, null, null, null, null);

    private static SourceDraft? OnlySource(DevelopmentDraft basis) => basis.Sources switch
    {
        null or [] => null,
        [var only] => only,
        var many => throw new CliException($"It has {many.Count} sources, so the source flags cannot say which one they change. "
            + "Give the facts in full with --file (`monitor developments --json` shows them as they stand)."),
    };
}

/// <summary>The flags that give one source's fields: "--source-title" on record and correct, "--title" on add-source.</summary>
internal sealed class SourceOptions(string prefix)
{
    private readonly Option<string?> _title = new($"{prefix}title") { Description = "The report's headline." };
    private readonly Option<string?> _publisher = new($"{prefix}publisher") { Description = "The outlet that published it." };
    private readonly Option<string?> _url = new($"{prefix}url") { Description = "Where it can be read (optional; \"\" clears it)." };
    private readonly Option<string?> _publishedOn = new($"{prefix}published-on") { Description = "When it was published: YYYY, YYYY-MM or YYYY-MM-DD." };
    private readonly Option<string?> _evidence = new("--evidence") { Description = "The short sentence from the source that bears it out." };
    private readonly Option<string?> _syndicatedFrom = new("--syndicated-from")
    {
        Description = "For a copy of another outlet's story: the original's url or publisher (a copy adds no corroboration; \"\" clears it).",
    };

    public IEnumerable<Option> All => [_title, _publisher, _url, _publishedOn, _evidence, _syndicatedFrom];

    public SourceDraft Overlay(ParseResult parsed, SourceDraft? basis)
    {
        basis ??= new SourceDraft(null, null, null, null, null);
        return basis with
        {
            Title = parsed.Given(_title) ?? basis.Title,
            Publisher = parsed.Given(_publisher) ?? basis.Publisher,
            Url = parsed.Optional(_url, basis.Url),
            PublishedOn = parsed.Given(_publishedOn) ?? basis.PublishedOn,
            Evidence = parsed.Given(_evidence) ?? basis.Evidence,
            SyndicatedFrom = parsed.Optional(_syndicatedFrom, basis.SyndicatedFrom),
        };
    }
}
