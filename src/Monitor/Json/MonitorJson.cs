using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Alerts;
using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Json;

/// <summary>One JSON dialect for stored events, the HTTP API and the CLI: camelCase, kebab-case enums, dates as text.</summary>
public static class MonitorJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// For request bodies: a misspelt field is an error, not silently ignored; so is a field given twice, in any
    /// mix of cases ("summary" and "SUMMARY" would otherwise let the last one win).
    /// </summary>
    public static readonly JsonSerializerOptions Strict = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // JSON for APIs and terminals, never embedded in HTML
        options.Converters.Add(new PartialDateConverter());
        options.Converters.Add(new PeriodConverter());
        // Enum names as WireName spells them (ContactHeld is "contact-held"); numbers are not names.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        return options;
    }

    private sealed class PartialDateConverter : JsonConverter<PartialDate>
    {
        public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            PartialDate.TryParse(reader.GetString(), out var date, out var error) ? date : throw new JsonException(error);

        public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }

    /// <summary>EDTF text both ways: a stored "2023-06" reads back as the same single-month period.</summary>
    private sealed class PeriodConverter : JsonConverter<Period>
    {
        public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Period.TryParse(reader.GetString(), out var period, out var error) ? period : throw new JsonException(error);

        public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
