using System.Globalization;

namespace Monitor.Recording;

/// <summary>
/// When something happened, as precisely as reports say: a partial date ("2023", "2023-11", "2023-11-15")
/// or an interval of two ("2025-11-18/2025-11-20", "2023-09/2023-12") with ".." for an open end
/// ("2025-10-31/..", "../2024-04"): the subset of EDTF (ISO 8601-2) the brief names.
/// A plain partial date written before intervals existed reads as the same text, so stored history keeps its meaning.
/// </summary>
public readonly record struct Period : IComparable<Period>
{
    private const string Open = "..";

    // Each bound as its PartialDate.Packed, 0 when open (no real date packs to 0: years start at 1900). A single date
    // has two equal bounds and an interval never has (refused as "one date written twice"), so whether it is an
    // interval needs no field of its own: 8 bytes where three fields took 20, for each of a million developments.
    private readonly int _from;
    private readonly int _to;

    /// <summary>The earliest bound, or null when open ("../2024-04").</summary>
    public PartialDate? From => _from == 0 ? null : PartialDate.FromPacked(_from);

    /// <summary>The latest bound, or null when open ("2025-10-31/.."); the same as <see cref="From"/> for a single date.</summary>
    public PartialDate? To => _to == 0 ? null : PartialDate.FromPacked(_to);

    public bool IsInterval => _from != _to;

    private Period(PartialDate? from, PartialDate? to) => (_from, _to) = (from?.Packed ?? 0, to?.Packed ?? 0);

    private Period(long packed) => (_from, _to) = ((int)(packed >> 32), (int)packed);

    /// <summary>The period as one long, for compact storage in memory; <see cref="FromPacked"/> reads it back.</summary>
    public long Packed => (long)_from << 32 | (uint)_to;

    /// <summary>The period <see cref="Packed"/> gave; only ever pass it what that gave.</summary>
    public static Period FromPacked(long packed) => new(packed);

    /// <summary>The first day it may have happened on (the earliest representable day when open).</summary>
    public DateOnly Start => From?.Start ?? DateOnly.MinValue;

    /// <summary>The last day it may have happened on (the latest representable day when open).</summary>
    public DateOnly End => To?.End ?? DateOnly.MaxValue;

    /// <summary>The precision of a single date; null for an interval.</summary>
    public DatePrecision? Precision => IsInterval ? null : From!.Value.Precision;

    public static Period Of(PartialDate date) => new(date, date);

    public static Period Parse(string text) => TryParse(text, out var period, out var error) ? period : throw new FormatException(error);

    public static bool TryParse(string? text, out Period period, out string error)
    {
        period = default;
        if (text?.Contains('/') != true)
        {
            if (!PartialDate.TryParse(text, out var date, out error))
            {
                // Keep "not a real date" (2024-02-30); anything else gets the hint that lists every form.
                if (!error.Contains("not a real date", StringComparison.Ordinal)) Refuse(text, out error);
                return false;
            }
            period = Of(date);
            return true;
        }
        var parts = text.Split('/');
        if (parts.Length != 2 || !TryBound(parts[0], out var from) || !TryBound(parts[1], out var to)) return Refuse(text, out error);
        if (from is null && to is null)
        {
            error = $"{SafeText.Quote(text)} is open at both ends: give at least one date.";
            return false;
        }
        if (from is { } a && to is { } b && a.Start > b.End)
        {
            error = $"{SafeText.Quote(text)} ends before it begins: write the earlier date first.";
            return false;
        }
        if (from == to)
        {
            error = $"{SafeText.Quote(text)} is one date written twice: write {from} alone.";
            return false;
        }
        period = new Period(from, to);
        error = "";
        return true;
    }

    private static bool TryBound(string text, out PartialDate? bound)
    {
        bound = null;
        if (text == Open) return true;
        if (!PartialDate.TryParse(text, out var date, out _)) return false;
        bound = date;
        return true;
    }

    private static bool Refuse(string? text, out string error)
    {
        error = $"{SafeText.Quote(text)} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, or an interval such as "
            + "2025-11-18/2025-11-20, 2023-09/2023-12, 2025-10-31/.. (open end) or ../2024-04 (open start).";
        return false;
    }

    /// <summary>Whether the two may be the same days: they share at least one.</summary>
    public bool Overlaps(Period other) => Start <= other.End && other.Start <= End;

    /// <summary>Earlier start first; on the same start, the shorter period first.</summary>
    /// <remarks>
    /// By the bounds' day keys, in the order of <see cref="Start"/> and <see cref="End"/> without making either day: the
    /// development list orders a million periods, a couple of dozen comparisons each, and making the days took a rebuild
    /// a quarter of a second.
    /// </remarks>
    public int CompareTo(Period other) =>
        StartKey.CompareTo(other.StartKey) is var byStart and not 0 ? byStart : EndKey.CompareTo(other.EndKey);

    private int StartKey => _from == 0 ? int.MinValue : PartialDate.FromPacked(_from).StartKey;

    private int EndKey => _to == 0 ? int.MaxValue : PartialDate.FromPacked(_to).EndKey;

    /// <summary>The EDTF text: what the API and stored events carry.</summary>
    public override string ToString() =>
        IsInterval ? $"{From?.ToString() ?? Open}/{To?.ToString() ?? Open}" : From!.Value.ToString();

    /// <summary>For people, with its precision and no made-up day: "June 2023", "18–20 Nov 2025", "after 31 Oct 2025".</summary>
    public string Describe()
    {
        if (!IsInterval) return Describe(From!.Value, fullMonth: true);
        if (From is not { } from) return "by " + Describe(To!.Value, fullMonth: true);
        if (To is not { } to)
            return from.Precision == DatePrecision.Day ? "after " + Describe(from, fullMonth: true) : Describe(from, fullMonth: true) + " or later";
        if (from.Year != to.Year || from.Precision == DatePrecision.Year || to.Precision == DatePrecision.Year)
            return from.Precision == DatePrecision.Year && to.Precision == DatePrecision.Year
                ? $"{from.Year}–{to.Year}" : $"{Describe(from, false)} – {Describe(to, false)}";
        var year = from.Year.ToString(CultureInfo.InvariantCulture);
        return (from.Precision, to.Precision) switch
        {
            (DatePrecision.Day, DatePrecision.Day) when from.Month == to.Month => $"{from.Day}–{to.Day} {MonthName(to, false)} {year}",
            (DatePrecision.Month, DatePrecision.Month) => $"{MonthName(from, false)}–{MonthName(to, false)} {year}",
            _ => $"{DayAndMonth(from)} – {DayAndMonth(to)} {year}",
        };
    }

    private static string Describe(PartialDate date, bool fullMonth) => date.Precision switch
    {
        DatePrecision.Year => date.Year.ToString(CultureInfo.InvariantCulture),
        DatePrecision.Month => $"{MonthName(date, fullMonth)} {date.Year}",
        _ => $"{date.Day} {MonthName(date, false)} {date.Year}",
    };

    private static string DayAndMonth(PartialDate date) =>
        date.Day is { } day ? $"{day} {MonthName(date, false)}" : MonthName(date, false);

    private static string MonthName(PartialDate date, bool full) =>
        new DateOnly(date.Year, date.Month!.Value, 1).ToString(full ? "MMMM" : "MMM", CultureInfo.InvariantCulture);
}
