using Monitor.Channels;

namespace Monitor.Recording;

/// <summary>The list's query string, checked: which channel, kind and date range to show (a development whose period may fall in it).</summary>
public sealed record DevelopmentFilter(string? Channel, DevelopmentKind? Kind, PartialDate? From, PartialDate? To, IReadOnlyList<FieldError> Errors)
{
    public static DevelopmentFilter Parse(string? channel, string? kind, string? from, string? to, ChannelCatalog catalog)
    {
        var errors = new List<FieldError>();
        if (channel is not null && !catalog.Contains(channel)) errors.Add(new("channel", $"Unknown channel {SafeText.Quote(channel)}."));
        DevelopmentKind? parsedKind = null;
        if (kind is not null)
        {
            if (WireName.TryParse<DevelopmentKind>(kind, out var k)) parsedKind = k;
            else errors.Add(new("kind", $"Unknown kind {SafeText.Quote(kind)}. Use one of: {string.Join(", ", WireName.All<DevelopmentKind>())}."));
        }
        return new(channel, parsedKind, Date(from, "from", errors), Date(to, "to", errors), errors);
    }

    public bool Matches(DevelopmentRecord d) =>
        (Channel is null || d.Current.Channels.Contains(Channel))
        && (Kind is null || d.Current.Kind == Kind)
        && (From is null || d.Current.OccurredOn.End >= From.Value.Start)
        && (To is null || d.Current.OccurredOn.Start <= To.Value.End);

    private static PartialDate? Date(string? text, string field, List<FieldError> errors)
    {
        if (text is null) return null;
        if (PartialDate.TryParse(text, out var date, out var error)) return date;
        errors.Add(new(field, error));
        return null;
    }
}
