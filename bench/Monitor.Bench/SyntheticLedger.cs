using Monitor.Channels;
using Monitor.EventStore;
using Monitor.Recording;

namespace Monitor.Bench;

/// <summary>
/// Realistic ledger events for filling a store: one or two of the default channels, any kind, dates that
/// move forward across 2000–2025 with about 1% backdated (some only to a month or year), a summary of
/// about 120 characters and one source with title, publisher, evidence and mostly a url.
/// </summary>
public sealed class SyntheticLedger(long total, int seed = 2024)
{
    public static readonly DateOnly FirstDay = new(2000, 1, 1);
    public static readonly DateOnly LastDay = new(2025, 6, 30);
    private static readonly int Span = LastDay.DayNumber - FirstDay.DayNumber;

    private static readonly string[] UsActors = ["Secretary of Defense Lloyd Austin", "Adm. John Aquilino", "Gen. CQ Brown", "Michael Chase", "Adm. Samuel Paparo"];
    private static readonly string[] ChineseActors = ["Defense Minister Dong Jun", "Gen. Wu Yanan", "Gen. Zhang Youxia", "Maj. Gen. Song Yanchao", "Adm. Dong Jun"];
    private static readonly string[] Occasions = ["after a Taiwan arms sale", "after an intercept over the South China Sea", "at the Shangri-La Dialogue",
        "after a congressional visit to Taipei", "ahead of the APEC summit", "after the balloon incident", "at the Xiangshan Forum"];
    private static readonly string[] Publishers = ["Reuters", "Associated Press", "South China Morning Post", "Xinhua", "Defense News", "The Diplomat", "Nikkei Asia"];

    private readonly Random _random = new(seed);
    private long _made;

    public EventData Next() => LedgerCodec.Encode(new LedgerEvent.DevelopmentRecorded(Guid.NewGuid(), Facts()));

    public List<EventData> Next(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToList();

    private DevelopmentFacts Facts()
    {
        var today = FirstDay.AddDays((int)(_made++ * Span / Math.Max(total, 1)));
        var occurredOn = Period.Of(_random.NextDouble() < 0.01 ? Backdated(today) : PartialDate.Of(today.Year, today.Month, today.Day));
        var channels = Channels();
        var kind = (DevelopmentKind)_random.Next(Enum.GetValues<DevelopmentKind>().Length);
        string us = Pick(UsActors), cn = Pick(ChineseActors), occasion = Pick(Occasions), publisher = Pick(Publishers);
        var what = $"{Verb(kind)} {Noun(channels[0])}";
        var summary = $"{us} and {cn} {what} {occasion}, officials said.";
        var published = occurredOn.Start.AddDays(_random.Next(4));
        var url = _random.NextDouble() < 0.7
            ? $"https://news.example/{publisher.Replace(' ', '-').ToLowerInvariant()}/{published:yyyy/MM/dd}/{_made}" : null;
        var source = new Source($"US and China {what} {occasion}", publisher, url,
            PartialDate.Of(published.Year, published.Month, published.Day),
            $"\"Both sides {what} {occasion},\" a spokesperson told reporters.");
        return new DevelopmentFacts(channels, kind, occurredOn, summary, [us, cn], [source]);
    }

    private PartialDate Backdated(DateOnly today)
    {
        var day = FirstDay.AddDays(_random.Next(today.DayNumber - FirstDay.DayNumber + 1));
        return _random.Next(10) switch
        {
            0 => PartialDate.Of(day.Year),
            1 or 2 => PartialDate.Of(day.Year, day.Month),
            _ => PartialDate.Of(day.Year, day.Month, day.Day),
        };
    }

    private List<string> Channels()
    {
        var all = ChannelCatalog.Defaults;
        var first = _random.Next(all.Count);
        if (_random.Next(3) != 0) return [all[first].Id];
        return [all[first].Id, all[(first + 1 + _random.Next(all.Count - 1)) % all.Count].Id];
    }

    private string Pick(string[] options) => options[_random.Next(options.Length)];

    private static string Verb(DevelopmentKind kind) => kind switch
    {
        DevelopmentKind.Suspended => "suspended",
        DevelopmentKind.RestorationRequested => "asked to restore",
        DevelopmentKind.Declined => "declined to resume",
        DevelopmentKind.RestorationAgreed => "agreed to restore",
        DevelopmentKind.ContactPlanned => "scheduled",
        DevelopmentKind.ContactHeld => "held",
        _ => "discussed",
    };

    private static string Noun(string channel) => channel switch
    {
        "military" => "military-to-military talks",
        "theater-commander" => "theater-commander calls",
        _ => "defense-minister meetings",
    };
}
