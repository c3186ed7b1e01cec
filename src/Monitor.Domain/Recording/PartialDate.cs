using System.Globalization;

namespace Monitor.Recording;

public enum DatePrecision { Year, Month, Day }

/// <summary>
/// A date known to a year, a month or a day ("2018", "2023-06", "2023-11-15"), because reports
/// often say only "in June". It counts from the first day of its period and keeps its precision.
/// </summary>
public readonly record struct PartialDate : IComparable<PartialDate>
{
    // Year, month and day packed in one int (0 for an unknown month or day): every development keeps several
    // of these, and three separate fields took five times the room.
    private readonly int _packed;

    public int Year => _packed >> 9;
    public int? Month => (_packed >> 5 & 0xF) is var month and not 0 ? month : null;
    public int? Day => (_packed & 0x1F) is var day and not 0 ? day : null;

    private PartialDate(int year, int? month, int? day) => _packed = year << 9 | (month ?? 0) << 5 | (day ?? 0);

    private PartialDate(int packed) => _packed = packed;

    /// <summary>The date as one int, for compact storage in memory; <see cref="FromPacked"/> reads it back.</summary>
    public int Packed => _packed;

    /// <summary>The date <see cref="Packed"/> gave; only ever pass it what that gave.</summary>
    public static PartialDate FromPacked(int packed) => new(packed);

    public DatePrecision Precision => Day is not null ? DatePrecision.Day
        : Month is not null ? DatePrecision.Month : DatePrecision.Year;

    /// <summary>The first day of the period: the day from which the development counts.</summary>
    public DateOnly Start => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last day of the period: by then it had certainly happened.</summary>
    public DateOnly End => Precision switch
    {
        DatePrecision.Day => Start,
        DatePrecision.Month => Start.AddMonths(1).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    /// <summary><see cref="Start"/> as a number in the order of the days: its year, month and day packed as this date is.</summary>
    internal int StartKey => (_packed & 0x1E0) == 0 ? _packed | 1 << 5 | 1 : (_packed & 0x1F) == 0 ? _packed | 1 : _packed;

    /// <summary><see cref="End"/> as a number in the order of the days, as <see cref="StartKey"/>.</summary>
    internal int EndKey => (_packed & 0x1E0) == 0 ? _packed | 12 << 5 | 31
        : (_packed & 0x1F) == 0 ? _packed | DateTime.DaysInMonth(Year, Month!.Value) : _packed;

    public static PartialDate Of(int year, int? month = null, int? day = null) =>
        TryParse(Format(year, month, day), out var date, out var error) ? date : throw new ArgumentException(error);

    public static bool TryParse(string? text, out PartialDate date, out string error)
    {
        date = default;
        error = "";
        // By hand rather than Split: every stored event's dates are parsed again on each rebuild.
        var span = (text ?? "").AsSpan();
        if (span.Length is not (4 or 7 or 10) || !Digits(span[..4]) || (span.Length >= 7 && (span[4] != '-' || !Digits(span[5..7])))
            || (span.Length == 10 && (span[7] != '-' || !Digits(span[8..10]))))
        {
            error = $"{SafeText.Quote(text)} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.";
            return false;
        }
        var year = Number(span[..4]);
        int? month = span.Length >= 7 ? Number(span[5..7]) : null;
        int? day = span.Length == 10 ? Number(span[8..10]) : null;
        if (year < 1900 || month is < 1 or > 12 || (day is not null && day > DateTime.DaysInMonth(year, month!.Value)) || day < 1)
        {
            error = $"{SafeText.Quote(text)} is not a real date.";
            return false;
        }
        date = new PartialDate(year, month, day);
        return true;

        static bool Digits(ReadOnlySpan<char> part) => !part.ContainsAnyExceptInRange('0', '9');
        static int Number(ReadOnlySpan<char> part) => int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public int CompareTo(PartialDate other) => Start.CompareTo(other.Start) is var byStart and not 0
        ? byStart : Precision.CompareTo(other.Precision);

    public override string ToString() => Format(Year, Month, Day);

    private static string Format(int year, int? month, int? day) =>
        year.ToString("D4", CultureInfo.InvariantCulture)
        + (month is { } m ? "-" + m.ToString("D2", CultureInfo.InvariantCulture) : "")
        + (day is { } d ? "-" + d.ToString("D2", CultureInfo.InvariantCulture) : "");
}
