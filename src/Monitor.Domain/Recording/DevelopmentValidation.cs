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
                errors.Add(new($"channels[{i}]", catalog.Unknown(channels[i])));
        }
        if (channels.Distinct().Count() != channels.Count)
            errors.Add(new("channels", "A channel is named twice."));

        var knownKind = WireName.TryParse<DevelopmentKind>(draft.Kind, out var kind);
        if (!knownKind)
            errors.Add(new("kind", $"Unknown kind {SafeText.Quote(draft.Kind)}. Use one of: {string.Join(", ", WireName.All<DevelopmentKind>())}."));

        var occurredOn = Occurred(draft.OccurredOn, today, errors);
        var plannedFor = Planned(draft.PlannedFor, knownKind ? kind : null, occurredOn, errors);
        var summary = Text(draft.Summary, "summary", MaxSummary, errors, prose: true);

        var actors = draft.Actors ?? [];
        if (actors.Count > MaxActors) errors.Add(new("actors", $"At most {MaxActors} actors."));
        for (var i = 0; i < actors.Count; i++) Text(actors[i], $"actors[{i}]", MaxText, errors);

        var drafts = draft.Sources ?? [];
        if (drafts.Count == 0) errors.Add(new("sources", "Give at least one source, with title, publisher, publishedOn and an evidence quote."));
        if (drafts.Count > MaxSources) errors.Add(new("sources", $"At most {MaxSources} sources."));
        var sources = drafts.Select((s, i) => SourceOf(s, $"sources[{i}]", occurredOn, today, errors)).ToList();
        if (errors.Count > 0) return (null, errors);
        return (new DevelopmentFacts(channels.ToList(), kind, occurredOn!.Value, summary.Trim(), actors.Select(a => a.Trim()).ToList(),
            sources.OfType<Source>().ToList(), plannedFor), errors);
    }

    /// <summary>One source, checked against the development it reports (<paramref name="occurredOn"/> null: not known to be valid).</summary>
    public static Source? SourceOf(SourceDraft? draft, string at, Period? occurredOn, DateOnly today, List<FieldError> errors)
    {
        if (draft is null)
        {
            errors.Add(new(at, "A source must be an object."));
            return null;
        }
        var before = errors.Count;
        var title = Text(draft.Title, at + ".title", MaxText, errors);
        var publisher = Text(draft.Publisher, at + ".publisher", MaxText, errors);
        var publishedOn = Published(draft.PublishedOn, at + ".publishedOn", occurredOn, today, errors);
        var evidence = Text(draft.Evidence, at + ".evidence", MaxEvidence, errors);
        var url = Optional(draft.Url, at + ".url", errors);
        if (url is not null && !IsWebAddress(url)) errors.Add(new(at + ".url", $"{SafeText.Quote(url)} is not an http(s) address."));
        var reference = Optional(draft.Reference, at + ".reference", errors);
        var syndicatedFrom = Optional(draft.SyndicatedFrom, at + ".syndicatedFrom", errors);
        if (syndicatedFrom is not null && url is not null && Corroboration.SameUrl(syndicatedFrom, url))
            errors.Add(new(at + ".syndicatedFrom", "A source cannot be a copy of itself: name the original's url or publisher."));
        return publishedOn is { } day && errors.Count == before
            ? new Source(title.Trim(), publisher.Trim(), url, day, evidence.Trim(), reference, syndicatedFrom)
            : null;
    }

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static string? Optional(string? value, string field, List<FieldError> errors) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, MaxText, errors).Trim();

    /// <param name="prose">Line breaks and tabs allowed (see <see cref="SafeText"/>).</param>
    private static string Text(string? value, string field, int max, List<FieldError> errors, bool prose = false)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, "Must not be empty."));
        else if (value.Length > max) errors.Add(new(field, $"At most {max} characters (got {value.Length})."));
        else if (SafeText.Refusal(value, prose) is { } refusal) errors.Add(new(field, refusal));
        return value ?? "";
    }

    private static Period? Occurred(string? text, DateOnly today, List<FieldError> errors)
    {
        if (!Period.TryParse(text, out var period, out var error)) errors.Add(new("occurredOn", error));
        else if (period.Start > today) errors.Add(new("occurredOn", $"{SafeText.Quote(text)} begins in the future (today is {today:yyyy-MM-dd})."));
        else return period;
        return null;
    }

    private static Period? Planned(string? text, DevelopmentKind? kind, Period? occurredOn, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (kind is not (null or DevelopmentKind.ContactPlanned or DevelopmentKind.RestorationAgreed))
            errors.Add(new("plannedFor", "Only a contact-planned or restoration-agreed development has a plannedFor date."));
        else if (!Period.TryParse(text, out var period, out var error)) errors.Add(new("plannedFor", error));
        else if (occurredOn is { } made && period.End < made.Start)
            errors.Add(new("plannedFor", $"{SafeText.Quote(text)} ends before the plan was made ({made})."));
        else return period;
        return null;
    }

    private static PartialDate? Published(string? text, string field, Period? occurredOn, DateOnly today, List<FieldError> errors)
    {
        if (!PartialDate.TryParse(text, out var date, out var error)) errors.Add(new(field, error));
        else if (date.Start > today) errors.Add(new(field, $"{SafeText.Quote(text)} is in the future (today is {today:yyyy-MM-dd})."));
        else if (occurredOn is { } period && PublishedTooEarly(date, period) is { } early) errors.Add(new(field, early));
        else return date;
        return null;
    }

    /// <summary>Why a report published on <paramref name="date"/> cannot be of a development of <paramref name="occurredOn"/>; null if it can be.</summary>
    public static string? PublishedTooEarly(PartialDate date, Period occurredOn) => date.End < occurredOn.Start
        ? $"{SafeText.Quote(date.ToString())} is before the development's period begins ({occurredOn}): a report cannot describe what had not yet happened."
        : null;
}
