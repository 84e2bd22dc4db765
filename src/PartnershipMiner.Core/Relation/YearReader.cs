using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Relation;

/// <summary>
/// The year of a reported act: an explicit year in the sentence ("in 2019", "since 1996", "(2019)"), nearest the cue;
/// else a relative expression resolved against the document date ("today", "on Tuesday", "this year", "a decade ago");
/// else, for a reported act in a dated document, the document's year. Target years ("by 2030") are not acts.
/// </summary>
public static class YearReader
{
    private const int MinYear = 1945;
    private const int MaxYear = 2100;

    /// <param name="anchorToken">The event cue, or the phrase's head when nothing reports an act.</param>
    /// <param name="phrase">The tier phrase's tokens [First, End): a year right beside the phrase ("... partnership in 2023")
    /// is as close to the act as one beside the cue.</param>
    public static int? Read(string text, List<Token> tokens, int first, int end, int anchorToken, PartnershipEvent ev, DateOnly? documentDate, (int First, int End)? phrase = null)
    {
        var later = YearsLater(text, tokens, first, end, anchorToken);
        if (later is not null)
        {
            return later;
        }

        var (phraseFirst, phraseEnd) = phrase ?? (anchorToken, anchorToken + 1);
        var explicitYear = ExplicitYear(text, tokens, first, end, anchorToken, phraseFirst, phraseEnd, ev == PartnershipEvent.Mentioned ? 8 : int.MaxValue);
        if (explicitYear is not null)
        {
            return explicitYear;
        }

        if (ev == PartnershipEvent.Mentioned || documentDate is not { } date)
        {
            return null;
        }

        var relative = RelativeYear(text, tokens, first, end, date);
        if (relative is not null)
        {
            return relative;
        }

        return HasPastMarker(text, tokens, first, end) ? null : date.Year;
    }

    private static int? ExplicitYear(string text, List<Token> tokens, int first, int end, int anchorToken, int phraseFirst, int phraseEnd, int maxDistance)
    {
        int? best = null;
        var bestDistance = int.MaxValue;
        for (var i = first; i < end; i++)
        {
            if (tokens[i].Kind != TokenKind.Number || tokens[i].Length != 4 || !int.TryParse(tokens[i].Of(text), out var year) || year is < MinYear or > MaxYear)
            {
                continue;
            }

            if (i > first && tokens[i - 1].Of(text) is "by" or "until" or "till" or "Vision" or "Agenda" or "+" or "-")
            {
                continue;
            }

            var toPhrase = i < phraseFirst ? phraseFirst - i : Math.Max(0, i - phraseEnd + 1);
            var distance = Math.Min(Math.Abs(i - anchorToken), toPhrase);
            // On a tie the later year wins: a date follows the act it dates ("... and upgraded them to a strategic partnership in 2018").
            if (distance <= bestDistance && distance <= maxDistance)
            {
                best = year;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int? RelativeYear(string text, List<Token> tokens, int first, int end, DateOnly documentDate)
    {
        var documentYear = documentDate.Year;
        for (var i = first; i < end; i++)
        {
            var word = tokens[i].Of(text);
            if (tokens[i].Kind != TokenKind.Word)
            {
                continue;
            }

            if (word.Equals("ago", StringComparison.OrdinalIgnoreCase) && i >= first + 1)
            {
                var years = YearsBefore(text, tokens, first, i);
                if (years is not null)
                {
                    return documentYear - years;
                }
            }

            // "next month" from a late-December document is next year.
            if (word.Equals("next", StringComparison.OrdinalIgnoreCase) && i + 1 < end)
            {
                var unit = tokens[i + 1].Of(text);
                var days = unit.Equals("month", StringComparison.OrdinalIgnoreCase) ? 31 : unit.Equals("week", StringComparison.OrdinalIgnoreCase) ? 7 : 0;
                if (days > 0)
                {
                    return documentDate.AddDays(days).Year;
                }
            }

            if (Next(text, tokens, i, end, "year") && (word.Equals("last", StringComparison.OrdinalIgnoreCase) || word.Equals("next", StringComparison.OrdinalIgnoreCase) || word.Equals("this", StringComparison.OrdinalIgnoreCase)))
            {
                return documentYear + (word.Equals("last", StringComparison.OrdinalIgnoreCase) ? -1 : word.Equals("next", StringComparison.OrdinalIgnoreCase) ? 1 : 0);
            }
        }

        return null;
    }

    /// <summary>"..., in October 2000. A decade later, ...": a span counted from the year stated before it.</summary>
    private static int? YearsLater(string text, List<Token> tokens, int first, int end, int anchorToken)
    {
        // Only an act told after "a decade later" is dated by it; the act before it keeps its own year.
        for (var i = first + 2; i < Math.Min(end, anchorToken); i++)
        {
            if (!tokens[i].Of(text).Equals("later", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var span = YearsBefore(text, tokens, first, i);
            if (span is null)
            {
                return null;
            }

            for (var j = i - 3; j >= first; j--)
            {
                if (tokens[j].Kind == TokenKind.Number && tokens[j].Length == 4 && int.TryParse(tokens[j].Of(text), out var year) && year is >= MinYear and <= MaxYear)
                {
                    return year + span;
                }
            }

            return null;
        }

        return null;
    }

    /// <summary>"a decade ago", "two decades ago", "10 years ago", "a year ago" (also "later").</summary>
    private static int? YearsBefore(string text, List<Token> tokens, int first, int ago)
    {
        var unit = tokens[ago - 1].Of(text);
        var perUnit = unit.StartsWith("decade", StringComparison.OrdinalIgnoreCase) ? 10 : unit.StartsWith("year", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        if (perUnit == 0 || ago - 2 < first)
        {
            return null;
        }

        var count = tokens[ago - 2].Of(text);
        var n = count switch
        {
            "a" or "one" or "A" or "One" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            _ => int.TryParse(count, out var v) && v < 100 ? v : 0,
        };
        return n == 0 ? null : n * perUnit;
    }

    private static bool Next(string text, List<Token> tokens, int i, int end, string word) =>
        i + 1 < end && tokens[i + 1].Of(text).Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>Words that place an act before the news ("had earlier established", "previously") without dating it.</summary>
    /// <summary>Words that put the act before the document ("had", "earlier"), or a decade ("in the 1970s"): not the document's year.</summary>
    private static bool HasPastMarker(string text, List<Token> tokens, int first, int end)
    {
        for (var i = first; i < end; i++)
        {
            var word = tokens[i].Of(text);
            if (word.Equals("earlier", StringComparison.OrdinalIgnoreCase) || word.Equals("previously", StringComparison.OrdinalIgnoreCase)
                || word.Equals("formerly", StringComparison.OrdinalIgnoreCase) || word.Equals("had", StringComparison.OrdinalIgnoreCase)
                || IsDecade(word) || (i + 1 < end && word.Length == 4 && tokens[i + 1].Of(text) is "s" && IsDecade($"{word}s")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"1970s", "2000s".</summary>
    private static bool IsDecade(ReadOnlySpan<char> word) =>
        word.Length == 5 && word[4] == 's' && word[3] == '0' && char.IsAsciiDigit(word[0]) && char.IsAsciiDigit(word[1]) && char.IsAsciiDigit(word[2])
        && int.Parse(word[..4], System.Globalization.CultureInfo.InvariantCulture) is >= 1900 and <= 2090;
}
