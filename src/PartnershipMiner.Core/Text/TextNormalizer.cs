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

    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw;
        if (text.AsSpan().ContainsAnyExceptInRange('\0', '\u007E') && !text.IsNormalized(NormalizationForm.FormKC))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }

        var next = text.AsSpan().IndexOfAnyExcept(Unchanged);
        if (next < 0)
        {
            return text;
        }

        var output = new RentedTextBuffer(text.Length + 16);
        try
        {
            var copied = 0;
            while (next >= 0)
            {
                var at = copied + next;
                output.Append(text.AsSpan(copied, at - copied));
                copied = Rewrite(text, at, ref output);
                next = text.AsSpan(copied).IndexOfAnyExcept(Unchanged);
            }

            output.Append(text.AsSpan(copied));
            return output.ToString();
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>Writes the normal form of the character at <paramref name="i"/>; returns the index after what it consumed.</summary>
    private static int Rewrite(string text, int i, ref RentedTextBuffer output)
    {
        var c = text[i];
        switch (c)
        {
            case '\r':
                output.Append('\n');
                return i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
            case '\t' or '\v' or '\f':
                output.Append(' ');
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
            case '-' when IsLineBreakHyphen(text, i):
                // "part-\nnership": a word split by a line break. A capital after the break ("Sino-\nRussian")
                // is a real compound and keeps its hyphen.
                return SkipLineBreak(text, i + 1);
            default:
                output.Append(char.IsControl(c) && c != '\n' ? ' ' : c);
                break;
        }

        return i + 1;
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
