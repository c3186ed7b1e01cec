using System.Text.Json;
using Monitor.EventStore;

namespace Monitor.Recording;

/// <summary>
/// Reads the ledger's stored events straight into domain events, under the names StoredLedger.cs fixes (<see cref="Field"/>).
/// By hand rather than through the serializer and its stored shapes: a rebuild reads a million events, and the
/// serializer's own state, the shapes and the lists in them made a third of what a rebuild allocated.
/// It reads as the serializer did: properties in any order, the last of a repeated one kept, unknown ones skipped,
/// nothing after the event.
/// </summary>
internal static class StoredLedgerReader
{
    /// <summary>Which of the properties an event's top level may hold, besides its development's id.</summary>
    [Flags]
    public enum Holds { Facts = 1, Seeded = 2, Source = 4, Reason = 8 }

    /// <summary>The top level of a stored ledger event: each property it may hold, null when absent.</summary>
    public readonly record struct Top(Guid DevelopmentId, DevelopmentFacts? Facts, bool Seeded, Source? Source, string? Reason);

    /// <exception cref="JsonException">The data is not a JSON object of that shape.</exception>
    public static Top Read(ReadOnlySpan<byte> data, Holds holds)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType == JsonTokenType.Null) throw new JsonException("The event is null.");
        Guid? id = null;
        DevelopmentFacts? facts = null;
        Source? source = null;
        string? reason = null;
        var seeded = false;
        Span<char> name = stackalloc char[NameRoom];
        StartObject(ref reader);
        while (NextProperty(ref reader, name, out var length))
        {
            switch (name[..length])
            {
                case Field.DevelopmentId: id = Id(ref reader); break;
                case Field.Facts when holds.HasFlag(Holds.Facts): facts = reader.TokenType == JsonTokenType.Null ? null : Facts(ref reader); break;
                case Field.Seeded when holds.HasFlag(Holds.Seeded): seeded = Bool(ref reader); break;
                case Field.Source when holds.HasFlag(Holds.Source): source = reader.TokenType == JsonTokenType.Null ? null : Source(ref reader); break;
                case Field.Reason when holds.HasFlag(Holds.Reason): reason = Text(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.Read()) throw new JsonException("The event goes on after its end.");
        return new Top(id ?? throw Missing(Field.DevelopmentId), facts, seeded, source, reason);
    }

    private static DevelopmentFacts Facts(ref Utf8JsonReader reader)
    {
        IReadOnlyList<string>? channels = null, actors = null;
        string? kind = null, occurredOn = null, summary = null, plannedFor = null;
        Source[]? sources = null;
        Span<char> name = stackalloc char[NameRoom];
        StartObject(ref reader);
        while (NextProperty(ref reader, name, out var length))
        {
            switch (name[..length])
            {
                case Field.Channels: channels = InternedStrings.Read(ref reader); break;
                case Field.Kind: kind = Shared(ref reader); break;
                case Field.OccurredOn: occurredOn = Shared(ref reader); break;
                case Field.Summary: summary = Text(ref reader); break;
                case Field.Actors: actors = InternedStrings.Read(ref reader); break;
                case Field.Sources: sources = Sources(ref reader); break;
                case Field.PlannedFor: plannedFor = Text(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        if (!WireName.TryParse<DevelopmentKind>(kind, out var parsed)) throw new JsonException($"'{kind}' is not a kind of development.");
        return new DevelopmentFacts(channels ?? throw Missing(Field.Channels), parsed, Period(occurredOn, Field.OccurredOn),
            summary ?? throw Missing(Field.Summary), actors ?? [], sources ?? throw Missing(Field.Sources),
            plannedFor is null ? null : Period(plannedFor, Field.PlannedFor));
    }

    // Where a development's sources are read before they are copied into an array of their own.
    [ThreadStatic] private static List<Source>? _sources;

    private static Source[]? Sources(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"Expected a list of {Field.Sources}.");
        var sources = _sources ??= new List<Source>(8);
        sources.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            sources.Add(Source(ref reader) ?? throw new JsonException("A source is null."));
        return [.. sources];
    }

    private static Source? Source(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        string? title = null, publisher = null, url = null, publishedOn = null, evidence = null, reference = null, syndicatedFrom = null;
        Span<char> name = stackalloc char[NameRoom];
        StartObject(ref reader);
        while (NextProperty(ref reader, name, out var length))
        {
            switch (name[..length])
            {
                case Field.Title: title = Text(ref reader); break;
                case Field.Publisher: publisher = Shared(ref reader); break;
                case Field.Url: url = Text(ref reader); break;
                case Field.PublishedOn: publishedOn = Shared(ref reader); break;
                case Field.Evidence: evidence = Text(ref reader); break;
                case Field.Reference: reference = Text(ref reader); break;
                case Field.SyndicatedFrom: syndicatedFrom = Text(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new Source(title ?? throw Missing(Field.Title), publisher ?? throw Missing(Field.Publisher), url,
            PartialDate.TryParse(publishedOn, out var published, out var error) ? published : throw new JsonException($"{Field.PublishedOn}: {error}"),
            evidence ?? throw Missing(Field.Evidence), reference, syndicatedFrom);
    }

    // Every name of the contract fits; a longer one is none of them, and is skipped unread.
    private const int NameRoom = 32;

    private static void StartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Expected an object.");
    }

    /// <summary>Moves to the next property's value, its name in <paramref name="name"/>; false at the object's end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader, scoped Span<char> name, out int length)
    {
        length = 0;
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject) return false;
        // Past the room, an unescaped name cannot shorten to one that fits: leaving length 0 skips it.
        if (reader.ValueSpan.Length <= name.Length) length = reader.CopyString(name);
        if (!reader.Read()) throw new JsonException("The event ends inside an object.");
        return true;
    }

    private static Guid Id(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var id) ? id : throw new JsonException($"{Field.DevelopmentId} is not an id.");

    private static bool Bool(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonException($"{Field.Seeded} is not true or false."),
    };

    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException("Expected a string."),
    };

    private static string? Shared(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? InternedString.Read(ref reader) : throw new JsonException("Expected a string.");

    private static Period Period(string? text, string field) =>
        Recording.Period.TryParse(text, out var period, out var error) ? period : throw new JsonException($"{field}: {error}");

    private static JsonException Missing(string field) => new($"The stored event has no {field}.");
}
