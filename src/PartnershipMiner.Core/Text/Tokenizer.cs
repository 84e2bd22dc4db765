using System.Runtime.CompilerServices;
namespace PartnershipMiner.Core.Text;

/// <summary>
/// Splits a range of text into word, number, hyphen, quote and punctuation tokens. Keeps dotted abbreviations
/// ("U.S.", "D.C.") and inner apostrophes ("d'Ivoire") in one word, but splits a possessive "'s" off, so the
/// gazetteer sees "China" in "China's".
/// </summary>
public static class Tokenizer
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tokenize(string text, int start, int end, List<Token> into)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsLetter(c))
            {
                var wordEnd = ReadWord(text, i, end);
                into.Add(new Token(i, wordEnd - i, TokenKind.Word));
                i = wordEnd;
                if (i + 1 < end && text[i] == '\'' && (text[i + 1] is 's' or 'S') && (i + 2 >= end || !char.IsLetter(text[i + 2])))
                {
                    into.Add(new Token(i, 2, TokenKind.Word));
                    i += 2;
                }

                continue;
            }

            if (char.IsDigit(c))
            {
                var j = i + 1;
                while (j < end && (char.IsDigit(text[j]) || (text[j] is ',' or '.' && j + 1 < end && char.IsDigit(text[j + 1]))))
                {
                    j++;
                }

                // "21st", "1990s": the suffix stays with the number.
                while (j < end && char.IsLetter(text[j]))
                {
                    j++;
                }

                into.Add(new Token(i, j - i, TokenKind.Number));
                i = j;
                continue;
            }

            var kind = c switch
            {
                '-' => TokenKind.Hyphen,
                '"' or '\'' => TokenKind.Quote,
                _ => TokenKind.Punctuation,
            };
            into.Add(new Token(i, 1, kind));
            i++;
        }
    }

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        Tokenize(text, 0, text.Length, tokens);
        return tokens;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReadWord(string text, int i, int end)
    {
        // Dotted abbreviation: a single letter then '.', repeated at least twice ("U.S.", "U.S.A.", "a.m.").
        if (IsDottedAbbreviation(text, i, end, out var abbreviationEnd))
        {
            return abbreviationEnd;
        }

        var j = i + 1;
        while (j < end)
        {
            var c = text[j];
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                j++;
            }
            else if (c == '\'' && j + 1 < end && char.IsLetter(text[j + 1]) && !IsPossessive(text, j, end))
            {
                j++;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    private static bool IsPossessive(string text, int apostrophe, int end) =>
        text[apostrophe + 1] is 's' or 'S' && (apostrophe + 2 >= end || !char.IsLetter(text[apostrophe + 2]));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsDottedAbbreviation(string text, int i, int end, out int abbreviationEnd)
    {
        var j = i;
        var letters = 0;
        while (j + 1 < end && char.IsLetter(text[j]) && text[j + 1] == '.')
        {
            letters++;
            j += 2;
        }

        abbreviationEnd = j;
        return letters >= 2;
    }
}
