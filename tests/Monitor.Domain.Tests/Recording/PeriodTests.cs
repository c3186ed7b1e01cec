using Monitor.Recording;

namespace Monitor.Tests.Recording;

/// <summary>When something happened, as precisely as reports say: a partial date or an interval of two.</summary>
public class PeriodTests
{
    private static readonly DateOnly Earliest = DateOnly.MinValue;
    private static readonly DateOnly Latest = DateOnly.MaxValue;

    public static TheoryData<string, DateOnly, DateOnly, bool, DatePrecision?> Forms => new()
    {
        { "2023", new(2023, 1, 1), new(2023, 12, 31), false, DatePrecision.Year },
        { "2023-11", new(2023, 11, 1), new(2023, 11, 30), false, DatePrecision.Month },
        { "2023-11-15", new(2023, 11, 15), new(2023, 11, 15), false, DatePrecision.Day },
        { "2025-11-18/2025-11-20", new(2025, 11, 18), new(2025, 11, 20), true, null },
        { "2023-09/2023-12", new(2023, 9, 1), new(2023, 12, 31), true, null },
        { "2025-10-31/..", new(2025, 10, 31), Latest, true, null },
        { "../2024-04", Earliest, new(2024, 4, 30), true, null },
        { "2023-11/2024-01-15", new(2023, 11, 1), new(2024, 1, 15), true, null },
        { "2023/2024", new(2023, 1, 1), new(2024, 12, 31), true, null },
    };

    [Theory, MemberData(nameof(Forms))]
    public void Each_form_spans_the_days_it_may_have_happened_on(
        string text, DateOnly start, DateOnly end, bool interval, DatePrecision? precision)
    {
        var period = Period.Parse(text);
        Assert.Equal(start, period.Start);
        Assert.Equal(end, period.End);
        Assert.Equal(interval, period.IsInterval);
        Assert.Equal(precision, period.Precision);
    }

    public static TheoryData<string> Texts => new(Forms.Select(row => (string)row[0]));

    [Theory, MemberData(nameof(Texts))]
    public void Its_text_reads_back_as_the_same_period(string text)
    {
        var period = Period.Parse(text);
        Assert.Equal(text, period.ToString());
        Assert.Equal(period, Period.Parse(period.ToString()));
    }

    [Theory, MemberData(nameof(Texts))]
    public void Packed_into_a_long_it_unpacks_to_the_same_period(string text)
    {
        var period = Period.Parse(text);
        var unpacked = Period.FromPacked(period.Packed);
        Assert.Equal(period, unpacked);
        Assert.Equal((period.From, period.To, period.IsInterval, text), (unpacked.From, unpacked.To, unpacked.IsInterval, unpacked.ToString()));
    }

    [Fact]
    public void A_single_date_is_written_alone_not_as_an_interval_of_itself()
    {
        Assert.False(Period.TryParse("2023-11/2023-11", out _, out var error));
        Assert.Contains("write 2023-11 alone", error);
        Assert.Equal(Period.Of(PartialDate.Of(2023, 11)), Period.Parse("2023-11"));
    }

    [Theory]
    [InlineData("2024-02/2024-02-10", "2024-02-01", "2024-02-10")]
    [InlineData("2024-01-15/2024-01", "2024-01-15", "2024-01-31")]
    [InlineData("2023/2023-06", "2023-01-01", "2023-06-30")]
    public void A_bound_inside_the_other_narrows_the_period(string text, string start, string end)
    {
        var period = Period.Parse(text);
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end)), (period.Start, period.End));
    }

    [Fact]
    public void An_impossible_day_is_called_that()
    {
        Assert.False(Period.TryParse("2024-02-30", out _, out var error));
        Assert.Contains("not a real date", error);
    }

    [Theory]
    [InlineData("2023-06/..", "June 2023 or later")]
    [InlineData("2023/..", "2023 or later")]
    public void An_open_end_at_a_month_or_year_includes_it(string text, string described) =>
        Assert.Equal(described, Period.Parse(text).Describe());

    [Fact]
    public void Open_ends_have_no_bound()
    {
        Assert.Null(Period.Parse("2025-10-31/..").To);
        Assert.Equal(PartialDate.Of(2025, 10, 31), Period.Parse("2025-10-31/..").From);
        Assert.Null(Period.Parse("../2024-04").From);
        Assert.Equal(PartialDate.Of(2024, 4), Period.Parse("../2024-04").To);
    }

    [Theory]
    [InlineData("2023", "2023")]
    [InlineData("2023-06", "June 2023")]
    [InlineData("2023-11-15", "15 Nov 2023")]
    [InlineData("2025-11-18/2025-11-20", "18–20 Nov 2025")]
    [InlineData("2023-09/2023-12", "Sep–Dec 2023")]
    [InlineData("2025-10-31/..", "after 31 Oct 2025")]
    [InlineData("../2024-04", "by April 2024")]
    [InlineData("../2024-04-10", "by 10 Apr 2024")]
    [InlineData("2023-12/2024-01", "Dec 2023 – Jan 2024")]
    [InlineData("2023/2024", "2023–2024")]
    [InlineData("2025-11-28/2025-12-02", "28 Nov – 2 Dec 2025")]
    [InlineData("2023-11/2024-01-15", "Nov 2023 – 15 Jan 2024")]
    [InlineData("2023-11-15/2023-12", "15 Nov – Dec 2023")]
    [InlineData("2023/2024-06", "2023 – Jun 2024")]
    public void Is_described_for_people_with_its_precision_and_no_made_up_day(string text, string described) =>
        Assert.Equal(described, Period.Parse(text).Describe());

    [Theory]
    [InlineData("2024-03/2024-01")]
    [InlineData("2024-03-02/2024-03-01")]
    [InlineData("2024-02-30")]
    [InlineData("../..")]
    [InlineData("2023/")]
    [InlineData("/2023")]
    [InlineData("/")]
    [InlineData("2023/2024/2025")]
    [InlineData("2023-1")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    [InlineData("2023-11-15T00:00")]
    [InlineData("2023-11-15/2023-11-15T00:00")]
    [InlineData("2023-11-15 / 2023-11-20")]
    [InlineData("2023-11-15..2023-11-20")]
    public void Refuses_what_is_not_a_period_and_says_why(string? text)
    {
        Assert.False(Period.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<FormatException>(() => Period.Parse(text!));
    }

    [Fact]
    public void A_reversed_interval_is_told_to_put_the_earlier_date_first()
    {
        Period.TryParse("2024-03/2024-01", out _, out var error);
        Assert.Contains("earlier date first", error);
    }

    [Fact]
    public void An_interval_open_at_both_ends_is_told_to_give_a_date()
    {
        Period.TryParse("../..", out _, out var error);
        Assert.Contains("open at both ends", error);
    }

    [Theory]
    [InlineData("2023-09/2023-12", "2023-11-15", true)]
    [InlineData("2023-09/2023-12", "2023-12-31", true)]
    [InlineData("2023-09/2023-12", "2024-01", false)]
    [InlineData("2023-09/2023-12", "2023-08-31", false)]
    [InlineData("2023-11", "2023-12", false)]
    [InlineData("2023", "2023-06", true)]
    [InlineData("2025-10-31/..", "2030", true)]
    [InlineData("2025-10-31/..", "2025-10-30", false)]
    [InlineData("../2024-04", "2000", true)]
    [InlineData("../2024-04", "2024-05", false)]
    [InlineData("../2024-04", "2024-04-30/..", true)]
    public void Overlaps_when_the_two_share_a_day(string a, string b, bool overlaps)
    {
        Assert.Equal(overlaps, Period.Parse(a).Overlaps(Period.Parse(b)));
        Assert.Equal(overlaps, Period.Parse(b).Overlaps(Period.Parse(a)));
    }

    [Fact]
    public void Orders_by_earlier_start_then_the_shorter_first()
    {
        string[] sorted =
        [
            "../2024-04", "2023", "2023-09/2023-12", "2023-11-01", "2023-11", "2023-11/2024-01-15", "2023-11-15",
            "2025-10-31/..",
        ];
        Assert.Equal(sorted, sorted.Reverse().Select(Period.Parse).Order().Select(p => p.ToString()));
        Assert.True(Period.Parse("2023-11").CompareTo(Period.Parse("2023-11-01")) > 0);
        Assert.Equal(0, Period.Parse("2023-11").CompareTo(Period.Parse("2023-11")));
    }

    [Fact]
    public void Periods_compare_as_their_first_days_then_their_last_days_whatever_their_precision()
    {
        var random = new Random(11);
        // Precisions that span the same days, and so compare equal; then any forms at all.
        string[] spans = ["2023", "2023-01-01/2023-12-31", "2023-11", "2023-11-01/2023-11-30", "2024-02", "2024-02-01/2024-02-29",
            "2023-02", "2023-02-01/2023-02-28", "2023-02-01/2023-02", "2024-02-29", "2023-12-31"];
        var periods = spans.Select(Period.Parse).Concat(Enumerable.Range(0, 400).Select(_ => Random(random))).ToList();

        // Every pair: over two years many share a first or last day at different precisions.
        foreach (var (a, b) in periods.SelectMany(a => periods.Select(b => (a, b))))
        {
            var byDays = a.Start.CompareTo(b.Start) is var byStart and not 0 ? byStart : a.End.CompareTo(b.End);
            Assert.True(Math.Sign(byDays) == Math.Sign(a.CompareTo(b)), $"{a} against {b}");
        }
    }

    /// <summary>Any form, in 2023 or 2024 (a leap year): a year, a month or a day, an interval, an open end or start.</summary>
    private static Period Random(Random random)
    {
        string Date()
        {
            var year = random.Next(2023, 2025);
            var month = random.Next(1, 13);
            return random.Next(3) switch
            {
                0 => $"{year}",
                1 => $"{year}-{month:00}",
                _ => $"{year}-{month:00}-{random.Next(1, DateTime.DaysInMonth(year, month) + 1):00}",
            };
        }
        while (true)
        {
            var text = random.Next(6) switch
            {
                0 => $"{Date()}/..",
                1 => $"../{Date()}",
                2 or 3 => $"{Date()}/{Date()}",
                _ => Date(),
            };
            if (Period.TryParse(text, out var period, out _)) return period; // an interval that ends before it starts is refused
        }
    }
}
