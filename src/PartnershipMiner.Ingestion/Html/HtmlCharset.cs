using System.Text;

namespace PartnershipMiner.Ingestion;

/// <summary>
/// The charset an HTML file declares in its first 1024 bytes (<c>&lt;meta charset&gt;</c> or the http-equiv form), as
/// browsers prescan it. Only consulted when the bytes are not valid UTF-8.
/// </summary>
internal static class HtmlCharset
{
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        var at = IndexOfIgnoreCase(head, "charset"u8);
        while (at >= 0)
        {
            var i = at + "charset".Length;
            while (i < head.Length && head[i] is (byte)' ' or (byte)'\t')
            {
                i++;
            }

            if (i < head.Length && head[i] == (byte)'=')
            {
                i++;
                while (i < head.Length && head[i] is (byte)' ' or (byte)'"' or (byte)'\'')
                {
                    i++;
                }

                var start = i;
                while (i < head.Length && (char.IsAsciiLetterOrDigit((char)head[i]) || head[i] is (byte)'-' or (byte)'_' or (byte)':' or (byte)'.'))
                {
                    i++;
                }

                if (i > start)
                {
                    return Encoding.ASCII.GetString(head[start..i]);
                }
            }

            var next = IndexOfIgnoreCase(head[(at + 1)..], "charset"u8);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return null;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            var match = true;
            for (var j = 0; j < lowerNeedle.Length && match; j++)
            {
                match = (haystack[i + j] | 0x20) == lowerNeedle[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
