namespace PartnershipMiner.Web;

/// <summary>Where a form may send the browser back to: a path on this site, never another host.</summary>
internal static class LocalPath
{
    public static string OrDefault(string? candidate, string fallback) =>
        candidate is { Length: > 0 } path
        && path[0] == '/'
        && !path.StartsWith("//", StringComparison.Ordinal)
        && !path.StartsWith("/\\", StringComparison.Ordinal)
        && !path.Any(char.IsControl)
            ? AsciiOnly(path)
            : fallback;

    /// <summary>
    /// Non-ASCII characters percent-encoded as UTF-8 ("?party=é" → "?party=%C3%A9"): a Location header must be ASCII,
    /// and Kestrel refuses to send one that is not after the decision has been stored.
    /// </summary>
    private static string AsciiOnly(string path)
    {
        if (System.Text.Ascii.IsValid(path))
        {
            return path;
        }

        var encoded = new System.Text.StringBuilder(path.Length + 16);
        var bytes = new byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                encoded.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < length; i++)
            {
                encoded.Append('%').Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
