using System.Buffers;
using System.Runtime.CompilerServices;
using System.Collections.Frozen;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Text;

/// <summary>
/// Splits normalised text into sentences and other units. Lines are units unless the text is hard-wrapped or a line
/// plainly continues on the next (it ends without punctuation and the next starts in lower case); headings, list
/// items and markdown table rows are units of their own; inside a block, a sentence ends at . ! ? followed by space and
/// a capital, digit or quote, unless the word before the stop is an abbreviation ("Mr.", "Dec.", "No. 5", "U.S. envoy").
/// </summary>
public static class SentenceSegmenter
{
    /// <summary>The characters that may end a sentence.</summary>
    private static readonly SearchValues<char> SentenceStops = SearchValues.Create(".!?");

    private static readonly FrozenSet<string> Abbreviations = FrozenSet.ToFrozenSet(
    [
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Sen", "Rep", "Gov", "Amb", "Co", "Corp",
        "Inc", "Ltd", "Jr", "Sr", "vs", "Messrs", "Hon", "Rev", "Fig", "Vol", "Adm", "Cmdr", "Dept", "Pres", "Sgt", "Mt", "Ft",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "est", "Nos", "Art",
        "Arts", "para", "paras", "cf", "etc", "Excellency", "Pte", "Bros", "Gov't", "Govt", "Min", "Sec", "Amb", "Cdr", "Brig",
    ], StringComparer.Ordinal);

    /// <summary>Words that start a new sentence after a dotted abbreviation such as "U.S." ends the previous one.</summary>
    private static readonly FrozenSet<string> SentenceStarters = FrozenSet.ToFrozenSet(
    [
        "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "In", "On", "At", "As", "After",
        "Before", "During", "But", "And", "However", "Both", "A", "An", "According", "Meanwhile", "Also", "Earlier", "Later",
        "Last", "There", "His", "Her", "Their", "Our", "Under", "With", "For", "From", "While", "When", "Since", "Following",
        "Speaking", "If", "Such", "Some", "Many", "Most", "Each", "Further", "Furthermore", "Moreover", "Yet", "So",
    ], StringComparer.Ordinal);

    /// <summary>The longest unit handed on by default; see <see cref="Split(string, int, out int)"/>.</summary>
    public const int DefaultMaxSentenceCharacters = 10_000;

    /// <summary>The smallest cap accepted: below it ordinary sentences would be cut.</summary>
    public const int MinimumMaxSentenceCharacters = 200;

    /// <summary>Characters per unit in ordinary prose, to size the list once instead of growing it.</summary>
    private const int UnitLengthGuess = 100;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Sentence> Split(string text) => Split(text, DefaultMaxSentenceCharacters, out _);

    /// <summary>
    /// Splits <paramref name="text"/> into units of at most <paramref name="maxSentenceCharacters"/> characters. A longer
    /// unit (a "sentence" of a megabyte, ten million one-letter lines that all continue each other) is cut into pieces at
    /// the last white space before the cap, or at the cap when there is none; <paramref name="cutUnits"/> counts the
    /// units so cut. Later stages look at each tier phrase against its whole sentence, so without the cap their work
    /// would grow with the square of a sentence's length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Sentence> Split(string text, int maxSentenceCharacters, out int cutUnits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSentenceCharacters, MinimumMaxSentenceCharacters);
        return CapLength(text, SplitUncapped(text), maxSentenceCharacters, out cutUnits);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<Sentence> SplitUncapped(string text)
    {
        var lines = ReadLines(text);
        var hardWrapped = LooksHardWrapped(text, lines);
        var units = new List<Sentence>(Math.Max(16, text.Length / UnitLengthGuess));
        var paragraph = 0;
        var contentSeen = false;
        var lineIndex = 0;
        var nonBlankSeen = 0;
        while (lineIndex < lines.Count)
        {
            var line = Trim(text, lines[lineIndex]);
            if (line.Length == 0)
            {
                paragraph++;
                lineIndex++;
                continue;
            }

            nonBlankSeen++;
            var kind = Classify(text, line, nonBlankSeen);
            switch (kind)
            {
                case LineKind.Metadata:
                    units.Add(new Sentence(line, SentenceKind.Metadata, paragraph));
                    lineIndex++;
                    continue;
                case LineKind.TableSeparator:
                    lineIndex++;
                    continue;
                case LineKind.TableRow:
                    units.Add(new Sentence(line, SentenceKind.TableRow, paragraph));
                    lineIndex++;
                    continue;
                case LineKind.Heading:
                    // A bare marker ("#") is no heading at all.
                    Add(text, SkipMarker(text, line), line.End, SentenceKind.Heading, paragraph, units);
                    contentSeen = true;
                    paragraph++;
                    lineIndex++;
                    continue;
                default:
                    break;
            }

            var blockStart = kind == LineKind.ListItem ? SkipMarker(text, line) : line.Start;
            var blockEnd = line.End;
            var last = line;
            while (lineIndex + 1 < lines.Count)
            {
                var next = Trim(text, lines[lineIndex + 1]);
                if (next.Length == 0 || Classify(text, next, nonBlankSeen + 1) != LineKind.Text || !Continues(text, last, next, hardWrapped))
                {
                    break;
                }

                lineIndex++;
                nonBlankSeen++;
                blockEnd = next.End;
                last = next;
            }

            var isSingleLine = last.Start == line.Start;
            if (!contentSeen && isSingleLine && kind == LineKind.Text && !EndsSentence(text, line) && line.Length < 300)
            {
                units.Add(new Sentence(line, SentenceKind.Title, paragraph));
            }
            else if (isSingleLine && kind == LineKind.Text && !EndsSentence(text, line) && line.Length < 120 && !hardWrapped && LooksLikeHeadline(text, line))
            {
                units.Add(new Sentence(line, SentenceKind.Heading, paragraph));
            }
            else
            {
                SplitBlock(text, blockStart, blockEnd, kind == LineKind.ListItem ? SentenceKind.ListItem : SentenceKind.Body, paragraph, units);
            }

            contentSeen = true;
            paragraph++;
            lineIndex++;
        }

        return units;
    }

    private enum LineKind
    {
        Text,
        Metadata,
        Heading,
        ListItem,
        TableRow,
        TableSeparator,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LineKind Classify(string text, TextSpan line, int nonBlankIndex)
    {
        var s = line.Slice(text);
        if (s[0] == '|')
        {
            foreach (var c in s)
            {
                if (c is not ('|' or '-' or ':' or ' '))
                {
                    return LineKind.TableRow;
                }
            }

            return LineKind.TableSeparator;
        }

        if (s[0] == '#')
        {
            return LineKind.Heading;
        }

        if (s.Length > 2 && s[0] is '-' or '*' or '•' or '+' && s[1] == ' ')
        {
            return LineKind.ListItem;
        }

        if (nonBlankIndex <= 4 && IsMetadata(s))
        {
            return LineKind.Metadata;
        }

        return LineKind.Text;
    }

    private static bool IsMetadata(ReadOnlySpan<char> line)
    {
        ReadOnlySpan<string> keys = ["Source:", "Date:", "URL:", "Url:", "Author:", "Published:", "Updated:", "Title:", "Link:"];
        foreach (var key in keys)
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipMarker(string text, TextSpan line)
    {
        var i = line.Start;
        while (i < line.End && text[i] is '#' or '-' or '*' or '•' or '+')
        {
            i++;
        }

        while (i < line.End && text[i] == ' ')
        {
            i++;
        }

        return i;
    }

    private static bool Continues(string text, TextSpan last, TextSpan next, bool hardWrapped)
    {
        if (EndsSentence(text, last) || text[last.End - 1] == ':')
        {
            return false;
        }

        var first = text[next.Start];
        return char.IsLower(first) || (hardWrapped && !IsNumberedParagraph(text, next));
    }

    private static bool IsNumberedParagraph(string text, TextSpan line)
    {
        var i = line.Start;
        while (i < line.End && char.IsDigit(text[i]))
        {
            i++;
        }

        return i > line.Start && i + 1 < line.End && text[i] is '.' or ')' && text[i + 1] == ' ';
    }

    private static bool EndsSentence(string text, TextSpan line)
    {
        var i = line.End - 1;
        while (i > line.Start && text[i] is '"' or '\'' or ')' or ']')
        {
            i--;
        }

        return text[i] is '.' or '!' or '?' or ';';
    }

    /// <summary>Short lines without a full stop whose words are mostly capitalised read as headlines, not sentences.</summary>
    private static bool LooksLikeHeadline(string text, TextSpan line)
    {
        var words = 0;
        var capitalised = 0;
        var atWordStart = true;
        foreach (var c in line.Slice(text))
        {
            if (char.IsLetter(c))
            {
                if (atWordStart)
                {
                    words++;
                    if (char.IsUpper(c))
                    {
                        capitalised++;
                    }
                }

                atWordStart = false;
            }
            else
            {
                atWordStart = c is ' ' or '-' or '/';
            }
        }

        return words <= 16 && capitalised * 2 >= words;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SplitBlock(string text, int start, int end, SentenceKind kind, int paragraph, List<Sentence> units)
    {
        var sentenceStart = start;
        for (var p = start; p < end; p++)
        {
            // Sentence stops are a few characters in a hundred: a vectorised search jumps to the next candidate.
            var next = text.AsSpan(p, end - p).IndexOfAny(SentenceStops);
            if (next < 0)
            {
                break;
            }

            p += next;
            var c = text[p];

            var q = p + 1;
            while (q < end && text[q] is '"' or '\'' or ')' or ']')
            {
                q++;
            }

            if (q >= end || !char.IsWhiteSpace(text[q]))
            {
                continue;
            }

            var r = q;
            while (r < end && char.IsWhiteSpace(text[r]))
            {
                r++;
            }

            if (r >= end)
            {
                break;
            }

            var n = text[r];
            if (!(char.IsUpper(n) || char.IsDigit(n) || n is '"' or '\'' or '(' or '['))
            {
                continue;
            }

            if (c == '.' && IsAbbreviationStop(text, sentenceStart, p, r, end))
            {
                continue;
            }

            Add(text, sentenceStart, q, kind, paragraph, units);
            kind = kind == SentenceKind.ListItem ? SentenceKind.Body : kind;
            sentenceStart = r;
            p = r - 1;
        }

        Add(text, sentenceStart, end, kind, paragraph, units);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsAbbreviationStop(string text, int sentenceStart, int stop, int next, int end)
    {
        var w = stop;
        while (w > sentenceStart && !char.IsWhiteSpace(text[w - 1]) && text[w - 1] is not ('(' or '"' or '\''))
        {
            w--;
        }

        var word = text.AsSpan(w, stop - w);
        if (word.IsEmpty)
        {
            return false;
        }

        if (word.SequenceEqual("No") || word.SequenceEqual("no") || word.SequenceEqual("Art") || word.SequenceEqual("para"))
        {
            return char.IsDigit(text[next]);
        }

        var lookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(word))
        {
            return true;
        }

        var dotted = word.Contains('.') || (word.Length == 1 && char.IsUpper(word[0]));
        if (!dotted)
        {
            return false;
        }

        var nextEnd = next;
        while (nextEnd < end && char.IsLetter(text[nextEnd]))
        {
            nextEnd++;
        }

        return !SentenceStarters.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(next, nextEnd - next));
    }

    private static void Add(string text, int start, int end, SentenceKind kind, int paragraph, List<Sentence> units)
    {
        var span = Trim(text, new TextSpan(start, end));
        if (span.Length > 0)
        {
            units.Add(new Sentence(span, kind, paragraph));
        }
    }

    private static List<Sentence> CapLength(string text, List<Sentence> units, int max, out int cutUnits)
    {
        cutUnits = units.Count(u => u.Span.Length > max);
        if (cutUnits == 0)
        {
            return units;
        }

        var capped = new List<Sentence>(units.Count + (cutUnits * 4));
        foreach (var unit in units)
        {
            if (unit.Span.Length <= max)
            {
                capped.Add(unit);
                continue;
            }

            var kind = unit.Kind;
            var start = unit.Span.Start;
            var end = unit.Span.End;
            while (end - start > max)
            {
                var cut = PieceEnd(text, start, start + max);
                Add(text, start, cut, kind, unit.Paragraph, capped);

                // The rest of a heading or list item is running text.
                kind = kind is SentenceKind.Title or SentenceKind.Heading or SentenceKind.ListItem ? SentenceKind.Body : kind;
                start = cut;
                while (start < end && char.IsWhiteSpace(text[start]))
                {
                    start++;
                }
            }

            Add(text, start, end, kind, unit.Paragraph, capped);
        }

        return capped;
    }

    /// <summary>
    /// Where a piece that may run to <paramref name="limit"/> ends: at the last white space in its second half, else at
    /// the limit itself, never between the two halves of a surrogate pair.
    /// </summary>
    private static int PieceEnd(string text, int start, int limit)
    {
        for (var i = limit; i > start + ((limit - start) / 2); i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return char.IsLowSurrogate(text[limit]) && char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<TextSpan> ReadLines(string text)
    {
        var lines = new List<TextSpan>(text.AsSpan().Count('\n') + 1);
        var start = 0;
        int newline;
        while ((newline = text.AsSpan(start).IndexOf('\n')) >= 0)
        {
            lines.Add(new TextSpan(start, start + newline));
            start += newline + 1;
        }

        if (start < text.Length)
        {
            lines.Add(new TextSpan(start, text.Length));
        }

        return lines;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static TextSpan Trim(string text, TextSpan span)
    {
        var s = span.Start;
        var e = span.End;
        while (s < e && char.IsWhiteSpace(text[s]))
        {
            s++;
        }

        while (e > s && char.IsWhiteSpace(text[e - 1]))
        {
            e--;
        }

        return new TextSpan(s, e);
    }

    /// <summary>
    /// Text wrapped at a fixed width (e-mail, PDF dumps) has many lines of similar length that end mid-sentence;
    /// there every single line break is a space.
    /// </summary>
    private static bool LooksHardWrapped(string text, List<TextSpan> lines)
    {
        var considered = 0;
        var shortEnough = 0;
        var openEnded = 0;
        foreach (var raw in lines)
        {
            var line = Trim(text, raw);
            if (line.Length < 30)
            {
                continue;
            }

            considered++;
            if (line.Length <= 100)
            {
                shortEnough++;
            }

            if (!EndsSentence(text, line))
            {
                openEnded++;
            }
        }

        return considered >= 8 && shortEnough * 10 >= considered * 9 && openEnded * 2 >= considered;
    }
}
