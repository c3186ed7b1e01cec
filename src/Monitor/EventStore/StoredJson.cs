using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.EventStore;

/// <summary>
/// The options every stored contract's source-generated context is made with: text unescaped where JSON allows, as
/// stored events were first written, so their bytes stay as they were; absent values left out. A new instance each
/// time, as a context takes its options for its own.
/// </summary>
public static class StoredJson
{
    public static JsonSerializerOptions Options() => new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
