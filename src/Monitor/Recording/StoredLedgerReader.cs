using System.Text.Json;
using Monitor.EventStore;

namespace Monitor.Recording;

/// <summary>
/// Reads the ledger's stored events under the names StoredLedger.cs fixes (<see cref="Field"/>), their texts as UTF-8
/// (<see cref="FactsText"/>): packed as they are for the read models, or made into domain events.
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
    /// <param name="Facts">This thread's instance, valid until it reads the next event.</param>
    public readonly record struct Top(Guid DevelopmentId, FactsText? Facts, bool Seeded, Source? Source, string? Reason);

    // What this thread reads an event's texts into.
    [ThreadStatic] private static FactsText? _text;

    /// <exception cref="JsonException">The data is not a JSON object of that shape.</exception>
    public static Top Read(ReadOnlySpan<byte> data, Holds holds)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType == JsonTokenType.Null) throw new JsonException("The event is null.");
        var text = _text ??= new FactsText();
        text.Clear();
        Guid? id = null;
        FactsText? facts = null;
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
                case Field.Facts when holds.HasFlag(Holds.Facts): facts = reader.TokenType == JsonTokenType.Null ? null : Facts(ref reader, text); break;
                case Field.Seeded when holds.HasFlag(Holds.Seeded): seeded = Bool(ref reader); break;
                case Field.Source when holds.HasFlag(Holds.Source): source = reader.TokenType == JsonTokenType.Null ? null : text.ToSource(Source(ref reader, text)); break;
                case Field.Reason when holds.HasFlag(Holds.Reason): reason = String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.Read()) throw new JsonException("The event goes on after its end.");
        return new Top(id ?? throw Missing(Field.DevelopmentId), facts, seeded, source, reason);
    }

    /// <summary>Reads the facts into <paramref name="text"/>, after the texts already there (a repeated facts property's).</summary>
    private static FactsText Facts(ref Utf8JsonReader reader, FactsText text)
    {
        IReadOnlyList<string>? channels = null, actors = null;
        string? kind = null, occurredOn = null, plannedFor = null;
        FactsText.Run? summary = null;
        var sources = false;
        Span<char> name = stackalloc char[NameRoom];
        StartObject(ref reader);
        while (NextProperty(ref reader, name, out var length))
        {
            switch (name[..length])
            {
                case Field.Channels: channels = InternedStrings.Read(ref reader); break;
                case Field.Kind: kind = Shared(ref reader); break;
                case Field.OccurredOn: occurredOn = Shared(ref reader); break;
                case Field.Summary: summary = Text(ref reader, text) is { IsNone: false } run ? run : null; break;
                case Field.Actors: actors = InternedStrings.Read(ref reader); break;
                case Field.Sources: sources = Sources(ref reader, text); break;
                case Field.PlannedFor: plannedFor = String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        if (!WireName.TryParse<DevelopmentKind>(kind, out var parsed)) throw new JsonException($"'{kind}' is not a kind of development.");
        text.Channels = channels ?? throw Missing(Field.Channels);
        text.Kind = parsed;
        text.OccurredOn = Period(occurredOn, Field.OccurredOn);
        text.Summary = summary ?? throw Missing(Field.Summary);
        text.Actors = actors ?? [];
        if (!sources) throw Missing(Field.Sources);
        text.PlannedFor = plannedFor is null ? null : Period(plannedFor, Field.PlannedFor);
        return text;
    }

    /// <returns>Whether there was a list (null is none), its sources in <paramref name="text"/>'s, in place of any read before.</returns>
    private static bool Sources(ref Utf8JsonReader reader, FactsText text)
    {
        text.Sources.Clear();
        if (reader.TokenType == JsonTokenType.Null) return false;
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"Expected a list of {Field.Sources}.");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            text.Sources.Add(reader.TokenType == JsonTokenType.Null ? throw new JsonException("A source is null.") : Source(ref reader, text));
        return true;
    }

    private static FactsText.SourceText Source(ref Utf8JsonReader reader, FactsText text)
    {
        FactsText.Run? title = null, publisher = null, url = null, evidence = null, reference = null, syndicatedFrom = null;
        string? publishedOn = null;
        Span<char> name = stackalloc char[NameRoom];
        StartObject(ref reader);
        while (NextProperty(ref reader, name, out var length))
        {
            switch (name[..length])
            {
                case Field.Title: title = Text(ref reader, text); break;
                case Field.Publisher: publisher = Text(ref reader, text); break;
                case Field.Url: url = Text(ref reader, text); break;
                case Field.PublishedOn: publishedOn = Shared(ref reader); break;
                case Field.Evidence: evidence = Text(ref reader, text); break;
                case Field.Reference: reference = Text(ref reader, text); break;
                case Field.SyndicatedFrom: syndicatedFrom = Text(ref reader, text); break;
                default: reader.Skip(); break;
            }
        }
        return new FactsText.SourceText(Given(title, Field.Title), Given(publisher, Field.Publisher), url ?? FactsText.Run.None,
            PartialDate.TryParse(publishedOn, out var published, out var error) ? published : throw new JsonException($"{Field.PublishedOn}: {error}"),
            Given(evidence, Field.Evidence), reference ?? FactsText.Run.None, syndicatedFrom ?? FactsText.Run.None);

        static FactsText.Run Given(FactsText.Run? run, string field) => run is { IsNone: false } given ? given : throw Missing(field);
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

    private static string? String(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException("Expected a string."),
    };

    /// <summary>The text at <paramref name="reader"/> (or null) as UTF-8, added to <paramref name="text"/>'s buffer.</summary>
    private static FactsText.Run Text(ref Utf8JsonReader reader, FactsText text)
    {
        if (reader.TokenType == JsonTokenType.Null) return FactsText.Run.None;
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("Expected a string.");
        // Unescaped, a text is never longer than as written.
        var room = text.Room(reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length);
        try
        {
            return text.Added(reader.CopyString(room)); // which checks that the text is UTF-8
        }
        catch (InvalidOperationException error)
        {
            throw new JsonException("A text is not UTF-8.", error);
        }
    }

    private static string? Shared(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? InternedString.Read(ref reader) : throw new JsonException("Expected a string.");

    private static Period Period(string? text, string field) =>
        Recording.Period.TryParse(text, out var period, out var error) ? period : throw new JsonException($"{field}: {error}");

    private static JsonException Missing(string field) => new($"The stored event has no {field}.");
}
