using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnershipMiner.Core.Text;

/// <summary>
/// Reads a document's date from its own text: a "Date:" header line, a dateline with a year
/// ("BEIJING, May 8, 2019 (Xinhua) --"), or the first explicit date in its opening lines.
/// "Date: unknown" means unknown, not "look further".
/// </summary>
public static partial class DocumentDateReader
{
    private const int OpeningCharacters = 1200;

    public static DateOnly? Read(string text, IReadOnlyList<Sentence> units)
    {
        foreach (var unit in units)
        {
            if (unit.Kind != SentenceKind.Metadata)
            {
                continue;
            }

            var line = unit.Of(text);
            if (line.StartsWith("Date:", StringComparison.Ordinal) || line.StartsWith("Published:", StringComparison.Ordinal))
            {
                var value = line[(line.IndexOf(':') + 1)..].Trim();
                return FirstDate(value.ToString());
            }
        }

        var opening = text.Length > OpeningCharacters ? text[..OpeningCharacters] : text;
        return FirstDate(opening);
    }

    /// <summary>The first full date (day, month and year) in the text, in any of the common English forms.</summary>
    public static DateOnly? FirstDate(string text)
    {
        DateOnly? best = null;
        var bestIndex = int.MaxValue;
        foreach (var match in (IEnumerable<Match>)[IsoDate().Match(text), DayMonthYear().Match(text), MonthDayYear().Match(text)])
        {
            if (!match.Success || match.Index >= bestIndex)
            {
                continue;
            }

            var date = ToDate(match);
            if (date is not null)
            {
                best = date;
                bestIndex = match.Index;
            }
        }

        return best;
    }

    /// <remarks>The patterns match ASCII digits only (<c>[0-9]</c>, not <c>\d</c>, which takes any script's digits and
    /// then fails to parse): a date in other digits is no date.</remarks>
    private static DateOnly? ToDate(Match match)
    {
        if (!int.TryParse(match.Groups["y"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(match.Groups["d"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return null;
        }

        var monthText = match.Groups["m"].ValueSpan;
        var month = char.IsAsciiDigit(monthText[0])
            ? int.TryParse(monthText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0
            : MonthNumber(monthText);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    public static int MonthNumber(ReadOnlySpan<char> name)
    {
        ReadOnlySpan<string> months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        if (name.Length < 3)
        {
            return 0;
        }

        for (var i = 0; i < months.Length; i++)
        {
            if (name[..3].Equals(months[i], StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>A month's full name or its three-letter (or "Sept") abbreviation, in any case: not "Mayor" or "Marching".</summary>
    public static bool IsMonthName(ReadOnlySpan<char> word)
    {
        ReadOnlySpan<string> names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
        var month = MonthNumber(word);
        return month > 0 && (word.Length == 3 || word.Equals("sept", StringComparison.OrdinalIgnoreCase) || word.Equals(names[month - 1], StringComparison.OrdinalIgnoreCase));
    }

    private const string Month = "(?<m>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

    [GeneratedRegex(@"\b(?<y>(?:19|20)[0-9]{2})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<d>[0-9]{1,2})(?:st|nd|rd|th)?\s+" + Month + @",?\s+(?<y>(?:19|20)[0-9]{2})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b" + Month + @"\s+(?<d>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)[0-9]{2})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayYear();
}
