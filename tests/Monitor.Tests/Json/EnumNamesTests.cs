using System.Text.Json;
using Monitor.Alerts;
using Monitor.Json;
using Monitor.Recording;
using Monitor.Status;

namespace Monitor.Tests.Json;

/// <summary>JSON spells every enum value as query strings and stored events do, and reads back only those names.</summary>
public sealed class EnumNamesTests
{
    public static TheoryData<Enum> Values() =>
        [.. Enum.GetValues<DevelopmentKind>().Cast<Enum>(), .. Enum.GetValues<ChannelStatus>().Cast<Enum>(),
            .. Enum.GetValues<AlertKind>().Cast<Enum>(), .. Enum.GetValues<DevelopmentChange>().Cast<Enum>(),
            .. Enum.GetValues<DatePrecision>().Cast<Enum>()];

    [Theory]
    [MemberData(nameof(Values))]
    public void Each_value_is_written_and_read_by_its_wire_name(Enum value)
    {
        var json = JsonSerializer.Serialize(value, value.GetType(), MonitorJson.Options);
        Assert.Equal($"\"{WireNameOf(value)}\"", json);
        Assert.Equal(value, JsonSerializer.Deserialize(json, value.GetType(), MonitorJson.Options));
    }

    [Fact]
    public void A_number_is_not_a_kind() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DevelopmentKind>("2", MonitorJson.Options));

    private static string WireNameOf(Enum value) =>
        (string)typeof(WireName).GetMethod(nameof(WireName.Of))!.MakeGenericMethod(value.GetType()).Invoke(null, [value])!;
}
