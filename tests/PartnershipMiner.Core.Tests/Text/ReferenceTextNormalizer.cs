using System.Text;

namespace PartnershipMiner.Core.Tests.Text;

/// <summary>
/// The normaliser as it was before it learnt to copy only what changes: two plain passes that rebuild the whole text
/// (characters, then words broken at a line end), kept as the simple reference that
/// <see cref="PartnershipMiner.Core.Text.TextNormalizer"/> must equal on every input.
/// </summary>
internal static class ReferenceTextNormalizer
{
    private static readonly string[] Ligatures = ["ff", "fi", "fl", "ffi", "ffl", "st", "st"];

    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw;
        if (!IsPlainAscii(text) && !text.IsNormalized(NormalizationForm.FormKC))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }

        if (!NeedsRewrite(text))
        {
            return text;
        }

        // Characters first, then broken words: joining sees the text as it will be (one kind of space and line end, no
        // invisible characters), so normalising normalised text changes nothing.
        var mapped = MapCharacters(text);
        return mapped.Contains('-', StringComparison.Ordinal) ? JoinBrokenWords(mapped) : mapped;
    }

    private static string MapCharacters(string text)
    {
        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                // Full-width ASCII ("ＡＳＥＡＮ") becomes ASCII first, so that a full-width quote or dash is then folded
                // like any other.
                c = (char)(c - 0xFEE0);
            }

            switch (c)
            {
                case '\u2028' or '\u2029' or '\u0085':
                    // Unicode's line and paragraph separators end a line, as the decoders already treat them.
                    output.Append('\n');
                    break;
                case '\r':
                    output.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\t' or '\v' or '\f' or '\u00A0' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000':
                    output.Append(' ');
                    break;
                case >= '\uFB00' and <= '\uFB06':
                    output.Append(Ligatures[c - '\uFB00']);
                    break;
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' or '`':
                    output.Append('\'');
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB':
                    output.Append('"');
                    break;
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212' or '\uFE63':
                    output.Append('-');
                    break;
                case '\u2014' or '\u2015':
                    // An em dash separates clauses; spacing it keeps "partnership—the" from reading as a compound.
                    output.Append(" -- ");
                    break;
                case '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF':
                    break;
                default:
                    output.Append(char.IsControl(c) && c != '\n' ? ' ' : c);
                    break;
            }
        }

        return output.ToString();
    }

    private static string JoinBrokenWords(string text)
    {
        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '-' && IsLineBreakHyphen(text, i, char.IsLower, char.IsLower))
            {
                // "part-\nnership": a word split by a line break.
                i = SkipLineBreak(text, i + 1) - 1;
            }
            else if (c == '-' && IsLineBreakHyphen(text, i, char.IsLetter, char.IsUpper))
            {
                // "Sino-\nRussian": a capital after the break makes it a real compound, which keeps its hyphen but not
                // the line break, so that it reads as one compound ("Sino-Russian").
                output.Append('-');
                i = SkipLineBreak(text, i + 1) - 1;
            }
            else
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }

    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private static bool NeedsRewrite(string text)
    {
        foreach (var c in text)
        {
            if (c is '\r' or '\t' or '\v' or '\f' or '`' or '-' || c > 0x7E || (char.IsControl(c) && c != '\n'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A hyphen between a letter <paramref name="before"/> accepts and, after one line break, a letter <paramref name="after"/> accepts.</summary>
    private static bool IsLineBreakHyphen(string text, int i, Func<char, bool> before, Func<char, bool> after)
    {
        if (i == 0 || !before(text[i - 1]))
        {
            return false;
        }

        var next = SkipLineBreak(text, i + 1);
        return next > i + 1 && next < text.Length && after(text[next]);
    }

    /// <summary>Index after one line break (with surrounding spaces) starting at <paramref name="i"/>, or i when there is none.</summary>
    private static int SkipLineBreak(string text, int i)
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
