using Monitor.Channels;

namespace Monitor.Recording;

/// <summary>Turns a draft into facts, or says which fields are wrong and why. Pure: "today" is passed in.</summary>
public static class DevelopmentValidation
{
    public const int MaxSummary = 2_000;
    public const int MaxEvidence = 600;
    public const int MaxText = 300;
    public const int MaxSources = 20;
    public const int MaxActors = 30;

    public static (DevelopmentFacts? Facts, IReadOnlyList<FieldError> Errors) Validate(
        DevelopmentDraft draft, ChannelCatalog catalog, DateOnly today)
    {
        var errors = new List<FieldError>();
        var channels = draft.Channels ?? [];
        if (channels.Count == 0)
            errors.Add(new("channels", "Name at least one channel: " + string.Join(", ", catalog.All.Select(c => c.Id)) + "."));
        for (var i = 0; i < channels.Count; i++)
        {
            if (!catalog.Contains(channels[i] ?? ""))
                errors.Add(new($"channels[{i}]", $"Unknown channel '{channels[i]}'. Known: {string.Join(", ", catalog.All.Select(c => c.Id))}."));
        }
        if (channels.Distinct().Count() != channels.Count)
            errors.Add(new("channels", "A channel is named twice."));

        if (!WireName.TryParse<DevelopmentKind>(draft.Kind, out var kind))
            errors.Add(new("kind", $"Unknown kind '{draft.Kind}'. Use one of: {string.Join(", ", WireName.All<DevelopmentKind>())}."));

        var occurredOn = PastDate(draft.OccurredOn, "occurredOn", today, errors);
        var summary = Text(draft.Summary, "summary", MaxSummary, errors);

        var actors = draft.Actors ?? [];
        if (actors.Count > MaxActors) errors.Add(new("actors", $"At most {MaxActors} actors."));
        for (var i = 0; i < actors.Count; i++) Text(actors[i], $"actors[{i}]", MaxText, errors);

        var sources = SourcesOf(draft.Sources ?? [], today, errors);
        if (errors.Count > 0) return (null, errors);
        return (new DevelopmentFacts(channels.ToList(), kind, occurredOn, summary.Trim(), actors.Select(a => a.Trim()).ToList(), sources), errors);
    }

    private static List<Source> SourcesOf(IReadOnlyList<SourceDraft> drafts, DateOnly today, List<FieldError> errors)
    {
        if (drafts.Count == 0) errors.Add(new("sources", "Give at least one source, with title, publisher, publishedOn and an evidence quote."));
        if (drafts.Count > MaxSources) errors.Add(new("sources", $"At most {MaxSources} sources."));
        var sources = new List<Source>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var at = $"sources[{i}]";
            var draft = drafts[i];
            if (draft is null)
            {
                errors.Add(new(at, "A source must be an object."));
                continue;
            }
            var title = Text(draft.Title, at + ".title", MaxText, errors);
            var publisher = Text(draft.Publisher, at + ".publisher", MaxText, errors);
            var publishedOn = PastDate(draft.PublishedOn, at + ".publishedOn", today, errors);
            var evidence = Text(draft.Evidence, at + ".evidence", MaxEvidence, errors);
            var url = string.IsNullOrWhiteSpace(draft.Url) ? null : draft.Url.Trim();
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                errors.Add(new(at + ".url", $"'{url}' is not an http(s) address."));
            var reference = string.IsNullOrWhiteSpace(draft.Reference) ? null : Text(draft.Reference, at + ".reference", MaxText, errors).Trim();
            sources.Add(new Source(title.Trim(), publisher.Trim(), url, publishedOn, evidence.Trim(), reference));
        }
        return sources;
    }

    private static string Text(string? value, string field, int max, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, "Must not be empty."));
        else if (value.Length > max) errors.Add(new(field, $"At most {max} characters (got {value.Length})."));
        return value ?? "";
    }

    private static PartialDate PastDate(string? text, string field, DateOnly today, List<FieldError> errors)
    {
        if (!PartialDate.TryParse(text, out var date, out var error)) errors.Add(new(field, error));
        else if (date.Start > today) errors.Add(new(field, $"'{text}' is in the future (today is {today:yyyy-MM-dd})."));
        return date;
    }
}
