using System.Runtime.CompilerServices;
using System.Buffers;
using System.Text;

namespace PartnershipMiner.Core.Text;

/// <summary>
/// Brings text from many hands to one form before anything else reads it: NFKC (which also folds non-breaking and
/// full-width spaces), one kind of quote and dash, Unix line ends, no invisible characters, and words that a line
/// break split with a hyphen joined again. Every span the pipeline reports is an offset into this normalised text.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Characters that pass through unchanged: printable ASCII but '-' and '`', and '\n'. Runs of them are copied whole.</summary>
    private static readonly SearchValues<char> Unchanged = SearchValues.Create(
        "\n !\"#$%&'()*+,./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_abcdefghijklmnopqrstuvwxyz{|}~");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw;
        if (text.AsSpan().ContainsAnyExceptInRange('\0', '\u007E') && !text.IsNormalized(NormalizationForm.FormKC))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }

        // Most characters that need a look stay as they are (a hyphen inside a line, an accented letter): the text is
        // copied only from the first character that really changes, and not at all when none does.
        var output = default(RentedTextBuffer);
        var rewriting = false;
        var copied = 0;
        var at = 0;
        try
        {
            int found;
            while ((found = text.AsSpan(at).IndexOfAnyExcept(Unchanged)) >= 0)
            {
                at += found;
                var replacement = Replacement(text, at, out var next);
                if (next == at + 1 && replacement.Length == 1 && replacement[0] == text[at])
                {
                    at = next;
                    continue;
                }

                if (!rewriting)
                {
                    output = new RentedTextBuffer(text.Length + 16);
                    rewriting = true;
                }

                output.Append(text.AsSpan(copied, at - copied));
                output.Append(replacement);
                copied = at = next;
            }

            if (!rewriting)
            {
                return text;
            }

            output.Append(text.AsSpan(copied));
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
    /// The normal form of the character at <paramref name="i"/> (the character itself when it stays), and in
    /// <paramref name="next"/> the index after what it replaces.
    /// </summary>
    private static ReadOnlySpan<char> Replacement(string text, int i, out int next)
    {
        var c = text[i];
        next = i + 1;
        switch (c)
        {
            case '\r':
                next = i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
                return "\n";
            case '\t' or '\v' or '\f':
                return " ";
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
            case '-' when IsLineBreakHyphen(text, i):
                // "part-\nnership": a word split by a line break. A capital after the break ("Sino-\nRussian")
                // is a real compound and keeps its hyphen.
                next = SkipLineBreak(text, i + 1);
                return "";
            default:
                return char.IsControl(c) && c != '\n' ? " " : text.AsSpan(i, 1);
        }
    }

    private static bool IsLineBreakHyphen(string text, int i)
    {
        if (i == 0 || !char.IsLower(text[i - 1]))
        {
            return false;
        }

        var next = SkipLineBreak(text, i + 1);
        return next > i + 1 && next < text.Length && char.IsLower(text[next]);
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
