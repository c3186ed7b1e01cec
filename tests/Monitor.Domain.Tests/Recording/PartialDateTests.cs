using Monitor.Recording;

namespace Monitor.Tests.Recording;

public class PartialDateTests
{
    [Theory]
    [InlineData("2018", "2018-01-01", DatePrecision.Year)]
    [InlineData("2023-06", "2023-06-01", DatePrecision.Month)]
    [InlineData("2023-11-15", "2023-11-15", DatePrecision.Day)]
    [InlineData("2024-02-29", "2024-02-29", DatePrecision.Day)]
    public void Counts_from_the_first_day_of_its_period_and_keeps_its_precision(string text, string start, DatePrecision precision)
    {
        Assert.True(PartialDate.TryParse(text, out var date, out _));
        Assert.Equal(DateOnly.Parse(start), date.Start);
        Assert.Equal(precision, date.Precision);
        Assert.Equal(text, date.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("23")]
    [InlineData("2023-6")]
    [InlineData("2023-13")]
    [InlineData("2023-02-29")]
    [InlineData("2023-04-31")]
    [InlineData("2023-00")]
    [InlineData("2023-01-00")]
    [InlineData("2023/01/01")]
    [InlineData("2023-01-01T00:00")]
    [InlineData("１２３４")]
    public void Refuses_what_is_not_a_real_date(string? text) =>
        Assert.False(PartialDate.TryParse(text, out _, out var error) || error.Length == 0);

    [Fact]
    public void Orders_by_start_then_by_coarser_precision_first()
    {
        var dates = new[] { "2023-06-01", "2023", "2023-06", "2022-12-31" }.Select(t => { PartialDate.TryParse(t, out var d, out _); return d; });
        Assert.Equal(["2022-12-31", "2023", "2023-06", "2023-06-01"], dates.Order().Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("2023", "2023-12-31")]
    [InlineData("2024", "2024-12-31")]
    [InlineData("2023-11", "2023-11-30")]
    [InlineData("2023-12", "2023-12-31")]
    [InlineData("2023-02", "2023-02-28")]
    [InlineData("2024-02", "2024-02-29")]
    [InlineData("2000-02", "2000-02-29")]
    [InlineData("1900-02", "1900-02-28")]
    [InlineData("2023-11-15", "2023-11-15")]
    [InlineData("2024-02-29", "2024-02-29")]
    public void Ends_on_the_last_day_of_its_period(string text, string end)
    {
        Assert.True(PartialDate.TryParse(text, out var date, out _));
        Assert.Equal(DateOnly.Parse(end), date.End);
    }
}
