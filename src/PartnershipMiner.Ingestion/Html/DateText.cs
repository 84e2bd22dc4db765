using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnershipMiner.Ingestion;

/// <summary>
/// Publication dates as pages write them: machine forms in metadata ("2019-05-08T10:00:00+08:00") and human forms in
/// visible datelines ("BEIJING, May 8, 2019 (Xinhua) --", "Date: 2019-05-08", "8 May 2019"). Day and month order is
/// only trusted where the month is a word or the year comes first; "08/05/2019" is ambiguous and ignored. Digits are
/// ASCII: <c>\d</c> would also take Arabic-Indic and other digits, which no date parser here reads.
/// </summary>
internal static partial class DateText
{
    private const string Month =
        @"(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

    private const string HumanDate =
        @"(?:" + Month + @"\s+(?<day>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?<year>[0-9]{4})"
        + @"|(?<day>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + Month + @",?\s+(?<year>[0-9]{4}))";

    private const string IsoDate = @"(?<year>[0-9]{4})[-/.](?<mnum>[0-9]{1,2})[-/.](?<day>[0-9]{1,2})(?![0-9])";

    /// <summary>
    /// A date in a metadata value: the leading calendar date of an ISO timestamp is the publisher's local date, which
    /// is what a reader sees, so the time and offset are deliberately not converted to UTC.
    /// </summary>
    public static DateOnly? ParseMachine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        var iso = LeadingIso().Match(text);
        if (iso.Success)
        {
            return Build(iso);
        }

        var compact = CompactIso().Match(text);
        if (compact.Success)
        {
            return Build(compact);
        }

        var human = AnyHuman().Match(text);
        return human.Success ? Build(human) : null;
    }

    /// <summary>A dateline at the start of a text block, a labelled date anywhere in it, or a block that is only a date.</summary>
    public static DateOnly? FindDateline(string block)
    {
        if (block.Length > 2000)
        {
            block = block[..2000];
        }

        foreach (var pattern in (ReadOnlySpan<Regex>)[Dateline(), Labelled(), DateOnlyBlock()])
        {
            var match = pattern.Match(block);
            if (match.Success && Build(match) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    private static DateOnly? Build(Match match)
    {
        if (!int.TryParse(match.Groups["year"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(match.Groups["day"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return null;
        }

        int month;
        if (match.Groups["mnum"].Success)
        {
            if (!int.TryParse(match.Groups["mnum"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out month))
            {
                return null;
            }
        }
        else
        {
            month = MonthNumber(match.Groups["month"].Value);
        }

        if (year is < 1800 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, day);
    }

    private static int MonthNumber(string name) => name[..3].ToLowerInvariant() switch
    {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => 0,
    };

    [GeneratedRegex(@"^" + IsoDate, RegexOptions.CultureInvariant)]
    private static partial Regex LeadingIso();

    [GeneratedRegex(@"^(?<year>[0-9]{4})(?<mnum>[0-9]{2})(?<day>[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex CompactIso();

    [GeneratedRegex(HumanDate, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AnyHuman();

    // "BEIJING, May 8, 2019 (Xinhua) --", "NEW DELHI, 8 May 2019 —", "Washington, D.C., May 8, 2019 –":
    // one or two capitalised place names, then the date, at the very start of the block.
    [GeneratedRegex(
        @"^\s*\p{Lu}[\p{L}.'’\- ]{1,40}?(?:,\s*\p{Lu}[\p{L}.'’\- ]{0,30}?)?,\s*" + HumanDate + @"\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();

    [GeneratedRegex(
        @"\b(?:date|dated|published|posted|released|issued|updated)(?:\s+on)?\s*:?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:"
        + IsoDate + "|" + HumanDate + @")",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();

    [GeneratedRegex(
        @"^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:" + IsoDate + "|" + HumanDate + @")\s*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DateOnlyBlock();
}
