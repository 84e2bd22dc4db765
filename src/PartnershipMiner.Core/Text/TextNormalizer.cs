using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace PartnershipMiner.Core.Text;

/// <summary>
/// Brings text from many hands to one form before anything else reads it: NFKC (which also folds non-breaking and
/// full-width spaces), one kind of quote and dash, Unix line ends, no invisible characters, and words that a line
/// break split with a hyphen joined again. Every span the pipeline reports is an offset into this normalised text.
/// Under invariant globalization (as the project builds) <see cref="string.Normalize(NormalizationForm)"/> does
/// nothing, so the compatibility forms news text carries (no-break and typographic spaces, full-width letters,
/// ligatures) are folded here by hand as well.
/// </summary>
public static class TextNormalizer
{
    private static readonly string[] Ligatures = ["ff", "fi", "fl", "ffi", "ffl", "st", "st"];

    /// <summary>
    /// The ASCII characters that <see cref="Folded"/> leaves as they are (derived from it, so that the scan and the
    /// folding can never disagree): runs of them are skipped by a vectorised search. An ASCII-only set takes the
    /// search's fastest path; the few other characters it stops at (accented letters, quotes) are looked at one by one.
    /// </summary>
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(PlainAsciiCharacters());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw;
        if (text.AsSpan().ContainsAnyExceptInRange('\0', '\u007E') && !text.IsNormalized(NormalizationForm.FormKC))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }

        // Characters first, then broken words: joining sees the text as it will be (one kind of space and line end, no
        // invisible characters), so normalising normalised text changes nothing. Each step copies only when something
        // changes; most documents need neither (their hyphens and accented letters stay as they are).
        var first = NextChange(text, 0);
        if (first < 0)
        {
            return JoinBrokenWords(text, text);
        }

        var folded = new RentedTextBuffer(text.Length + 16);
        try
        {
            FoldCharacters(text, first, ref folded);
            return JoinBrokenWords(null, folded.Written);
        }
        finally
        {
            folded.Dispose();
        }
    }

    /// <summary>Copies <paramref name="text"/> with every character folded; <paramref name="first"/> is the first that changes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FoldCharacters(string text, int first, ref RentedTextBuffer output)
    {
        Span<char> one = stackalloc char[1];
        var copied = 0;
        var at = first;
        while (true)
        {
            output.Append(text.AsSpan(copied, at - copied));
            var c = text[at];
            output.Append(Folded(c, one));
            copied = at + 1;
            if (c == '\r' && copied < text.Length && text[copied] == '\n')
            {
                copied++;
            }

            at = NextChange(text, copied);
            if (at < 0)
            {
                break;
            }
        }

        output.Append(text.AsSpan(copied));
    }

    /// <summary>
    /// What one character becomes (a '\r' before a '\n' is dropped by the caller). <paramref name="one"/> holds a
    /// single-character result, so folding allocates nothing.
    /// </summary>
    private static ReadOnlySpan<char> Folded(char c, Span<char> one)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            // Full-width ASCII ("ＡＳＥＡＮ") becomes ASCII first, so that a full-width quote or dash is then folded
            // like any other.
            c = (char)(c - 0xFEE0);
        }

        switch (c)
        {
            case '\r' or '\u2028' or '\u2029' or '\u0085':
                // Unicode's line and paragraph separators end a line, as the decoders already treat them.
                return "\n";
            case '\t' or '\v' or '\f' or '\u00A0' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000':
                return " ";
            case >= '\uFB00' and <= '\uFB06':
                return Ligatures[c - '\uFB00'];
            case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' or '`':
                return "'";
            case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB':
                return "\"";
            case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212' or '\uFE63':
                return "-";
            case '\u2014' or '\u2015':
                // An em dash separates clauses; spacing it keeps "partnership—the" from reading as a compound.
                return " -- ";
            case '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF':
                return "";
            default:
                one[0] = char.IsControl(c) && c != '\n' ? ' ' : c;
                return one;
        }
    }

    /// <summary>The index of the first character at or after <paramref name="from"/> that folding changes, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextChange(string text, int from)
    {
        Span<char> one = stackalloc char[1];
        while (true)
        {
            var found = text.AsSpan(from).IndexOfAnyExcept(PlainAscii);
            if (found < 0)
            {
                return -1;
            }

            var at = from + found;
            if (Changes(text[at], one))
            {
                return at;
            }

            from = at + 1;
        }
    }

    private static bool Changes(char c, Span<char> one)
    {
        var folded = Folded(c, one);
        return folded.Length != 1 || folded[0] != c;
    }

    private static char[] PlainAsciiCharacters()
    {
        Span<char> one = stackalloc char[1];
        var plain = new List<char>();
        for (var c = '\0'; c <= '\u007F'; c++)
        {
            if (!Changes(c, one))
            {
                plain.Add(c);
            }
        }

        return [.. plain];
    }

    /// <summary>
    /// <paramref name="text"/> with words that a line break split joined again; <paramref name="whole"/>, when it is
    /// the same text as a string, is returned as it is if nothing is joined.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string JoinBrokenWords(string? whole, ReadOnlySpan<char> text)
    {
        var output = default(RentedTextBuffer);
        var rewriting = false;
        var copied = 0;
        var search = 0;
        try
        {
            int found;
            while ((found = text[search..].IndexOf('-')) >= 0)
            {
                var hyphen = search + found;
                var resumeAt = LineBreakAfterHyphen(text, hyphen, out var keepsHyphen);
                if (resumeAt < 0)
                {
                    search = hyphen + 1;
                    continue;
                }

                if (!rewriting)
                {
                    output = new RentedTextBuffer(text.Length);
                    rewriting = true;
                }

                // "part-\nnership" is a word split by a line break; "Sino-\nRussian", with a capital after the break, is
                // a real compound, which keeps its hyphen but not the line break, so that it reads as one compound.
                output.Append(text[copied..(keepsHyphen ? hyphen + 1 : hyphen)]);
                copied = search = resumeAt;
            }

            if (!rewriting)
            {
                return whole ?? new string(text);
            }

            output.Append(text[copied..]);
            return output.ToString();
        }
        finally
        {
            if (rewriting)
            {
                output.Dispose();
            }
        }
    }

    /// <summary>
    /// For a hyphen at <paramref name="hyphen"/> that ends a line inside a word (a lower-case letter, or a letter before
    /// a capital, on either side of one line break), the index of the letter after the break, and whether the hyphen
    /// stays (before a capital); -1 when the hyphen stays as it is with whatever follows it.
    /// </summary>
    private static int LineBreakAfterHyphen(ReadOnlySpan<char> text, int hyphen, out bool keepsHyphen)
    {
        keepsHyphen = false;
        if (hyphen == 0 || !char.IsLetter(text[hyphen - 1]))
        {
            return -1;
        }

        var next = SkipLineBreak(text, hyphen + 1);
        if (next == hyphen + 1 || next >= text.Length)
        {
            return -1;
        }

        var before = text[hyphen - 1];
        var after = text[next];
        if (char.IsLower(before) && char.IsLower(after))
        {
            return next;
        }

        keepsHyphen = true;
        return char.IsUpper(after) ? next : -1;
    }

    /// <summary>Index after one line break (with surrounding spaces) starting at <paramref name="i"/>, or i when there is none.</summary>
    private static int SkipLineBreak(ReadOnlySpan<char> text, int i)
    {
        var j = i;
        while (j < text.Length && text[j] == ' ')
        {
            j++;
        }

        if (j < text.Length && text[j] == '\r')
        {
            j++;
        }

        if (j >= text.Length || text[j] != '\n')
        {
            return i;
        }

        j++;
        while (j < text.Length && text[j] == ' ')
        {
            j++;
        }

        return j;
    }
}
