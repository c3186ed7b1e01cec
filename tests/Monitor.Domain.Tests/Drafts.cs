using Monitor.Channels;
using Monitor.Recording;

namespace Monitor.Tests;

/// <summary>Drafts as an analyst would type them, and the facts validation makes of them.</summary>
internal static class Drafts
{
    public static readonly ChannelCatalog Catalog = new(ChannelCatalog.Defaults);
    public static readonly DateOnly Today = new(2025, 12, 1);

    /// <summary>A draft on the military channel, with one source (by its own publisher) per publication date.</summary>
    public static DevelopmentDraft Of(string kind, string occurredOn, params string[] publishedOn) => new(
        ["military"], kind, occurredOn, $"A {kind} development.", [],
        publishedOn.Select((day, i) => new SourceDraft($"Report {i + 1}", $"Publisher {i + 1}", null, day, "quote"))
            .ToList());

    public static DevelopmentFacts Valid(DevelopmentDraft draft, DateOnly? today = null)
    {
        var (facts, errors) = DevelopmentValidation.Validate(draft, Catalog, today ?? Today);
        return facts ?? throw new InvalidOperationException(
            "draft is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
    }

    public static IReadOnlyList<string> FieldsWrongIn(DevelopmentDraft draft, DateOnly? today = null) =>
        DevelopmentValidation.Validate(draft, Catalog, today ?? Today).Errors.Select(e => e.Field).ToList();
}
