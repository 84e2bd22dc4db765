using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace PartnershipMiner.Ingestion;

/// <summary>Text and the encoding it was decoded from (a name for diagnostics).</summary>
public sealed record DecodedText(string Text, string EncodingName);

/// <summary>
/// Turns bytes into text, or says why they are not text. Order matters: a byte-order mark is the strongest evidence,
/// then binary signatures, then the NUL-byte pattern of BOM-less UTF-16, then strict UTF-8, then a declared charset,
/// and last windows-1252 for bytes that look like Western text (the common case of old Latin-1 and "smart quote" files).
/// Line endings come out as \n.
/// </summary>
public static class TextDecoder
{
    /// <summary>How much of the start is sampled for NUL bytes and UTF-16 patterns.</summary>
    public const int SampleBytes = 8 * 1024;

    private static readonly Encoding Windows1252 = LoadWindows1252();

    public static bool TryDecode(
        ReadOnlySpan<byte> bytes,
        string? declaredCharset,
        [NotNullWhen(true)] out DecodedText? decoded,
        [NotNullWhen(false)] out string? failure)
    {
        decoded = null;
        if (DetectByteOrderMark(bytes) is { } bom)
        {
            return TryStrict(bytes[bom.Length..], bom.Encoding, bom.Name, out decoded, out failure);
        }

        if (BinarySignature.Match(bytes) is { } format)
        {
            failure = $"binary content ({format} signature)";
            return false;
        }

        // Both tests need NUL bytes, which text almost never has: one vectorised search spares the byte-by-byte count.
        var sample = bytes[..Math.Min(bytes.Length, SampleBytes)];
        if (sample.Contains((byte)0) && DetectBomlessUtf16(sample) is { } utf16)
        {
            return TryStrict(bytes, utf16.Encoding, utf16.Name, out decoded, out failure);
        }

        if (sample.Contains((byte)0))
        {
            failure = "binary content (NUL bytes in first 8 KB)";
            return false;
        }

        if (Utf8.IsValid(bytes))
        {
            decoded = new DecodedText(Normalise(Encoding.UTF8.GetString(bytes)), "utf-8");
            failure = null;
            return true;
        }

        if (MostlyUtf8(bytes) is { } invalid)
        {
            // A UTF-8 file damaged in a few places (cut mid-character, one stray byte) is still UTF-8: reading it as
            // windows-1252 would garble every accented letter, so only the bad bytes become U+FFFD.
            decoded = new DecodedText(Normalise(Encoding.UTF8.GetString(bytes)), $"utf-8 ({invalid} invalid bytes replaced)");
            failure = null;
            return true;
        }

        if (declaredCharset is not null && ResolveCharset(declaredCharset) is { } declared && declared.CodePage != Encoding.UTF8.CodePage
            && declared is not (UnicodeEncoding or UTF32Encoding))
        {
            // A meta tag that claims UTF-16 in a file without NUL-byte pairs is wrong (HTML treats it as UTF-8).
            return TryStrict(bytes, declared, declared.WebName, out decoded, out failure);
        }

        if (LooksLikeWesternText(bytes))
        {
            decoded = new DecodedText(Normalise(Windows1252.GetString(bytes)), "windows-1252");
            failure = null;
            return true;
        }

        failure = declaredCharset is null
            ? "not valid UTF-8 and no declared encoding"
            : $"not valid UTF-8 and the declared encoding '{declaredCharset}' is unknown";
        return false;
    }

    /// <summary>
    /// \r\n and lone \r (and the other Unicode line breaks) become \n, so spans mean the same everywhere; NUL characters
    /// are dropped: they are never text, PostgreSQL refuses them in a text column, and SQLite would keep them.
    /// </summary>
    public static string Normalise(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return WithoutNul(text).ReplaceLineEndings("\n");
    }

    /// <summary>The text without its NUL characters (the same string when it has none).</summary>
    public static string WithoutNul(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    /// <summary>An encoding for a charset label as HTML declares it, or null when unknown.</summary>
    internal static Encoding? ResolveCharset(string label)
    {
        // Reading the field first also guarantees the code-page provider is registered before GetEncoding below.
        var windows1252 = Windows1252;
        var name = label.Trim().ToLowerInvariant();

        // As browsers do (WHATWG Encoding), the Latin-1 and ASCII labels mean windows-1252: pages that say
        // "iso-8859-1" routinely contain 0x93/0x94 curly quotes.
        if (name is "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "windows-1252")
        {
            return windows1252;
        }

        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static bool TryStrict(
        ReadOnlySpan<byte> bytes,
        Encoding encoding,
        string name,
        [NotNullWhen(true)] out DecodedText? decoded,
        [NotNullWhen(false)] out string? failure)
    {
        string text;
        try
        {
            text = encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            decoded = null;
            failure = $"not valid {name}";
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            decoded = null;
            failure = $"binary content (NUL characters in {name} text)";
            return false;
        }

        decoded = new DecodedText(Normalise(text), name);
        failure = null;
        return true;
    }

    private static (int Length, Encoding Encoding, string Name)? DetectByteOrderMark(ReadOnlySpan<byte> bytes)
    {
        // UTF-32 LE before UTF-16 LE: FF FE 00 00 also starts with the UTF-16 LE mark.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (4, new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), "utf-32le");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (4, new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), "utf-32be");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (3, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), "utf-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (2, new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), "utf-16le");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (2, new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), "utf-16be");
        }

        return null;
    }

    /// <summary>
    /// Text in the Latin range encoded as UTF-16 has a zero in every other byte: the high byte. Zeros at odd offsets
    /// mean little-endian, at even offsets big-endian. Binary data has zeros at both.
    /// </summary>
    private static (Encoding Encoding, string Name)? DetectBomlessUtf16(ReadOnlySpan<byte> sample)
    {
        var pairs = sample.Length / 2;
        if (pairs < 2)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i + 1 < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }

        if (oddZeros * 10 >= pairs * 3 && evenZeros * 20 <= pairs)
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), "utf-16le");
        }

        if (evenZeros * 10 >= pairs * 3 && oddZeros * 20 <= pairs)
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), "utf-16be");
        }

        return null;
    }

    /// <summary>
    /// The count of invalid bytes when the bytes are UTF-8 with a few errors: at least ten well-formed multi-byte
    /// characters for every invalid sequence. Genuine windows-1252 text almost never forms valid multi-byte sequences.
    /// </summary>
    private static int? MostlyUtf8(ReadOnlySpan<byte> bytes)
    {
        int multiByte = 0, invalid = 0;
        while (!bytes.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                invalid++;
            }
            else if (consumed > 1)
            {
                multiByte++;
            }

            bytes = bytes[consumed..];
        }

        return invalid > 0 && multiByte >= 10 * invalid ? invalid : null;
    }

    /// <summary>
    /// Western text in windows-1252 is mostly ASCII with a few accented letters and typographic quotes, and has no
    /// control bytes. Random or non-Western bytes fail one of these quickly. The five bytes 1252 leaves undefined
    /// never occur in real 1252 text.
    /// </summary>
    private static bool LooksLikeWesternText(ReadOnlySpan<byte> bytes)
    {
        var high = 0;
        foreach (var b in bytes)
        {
            if (b >= 0x80)
            {
                if (b is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D)
                {
                    return false;
                }

                high++;
            }
            else if ((b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)) || b == 0x7F)
            {
                return false;
            }
        }

        return high * 5 <= bytes.Length;
    }

    private static Encoding LoadWindows1252()
    {
        // Code pages ship with the shared framework but are only reachable once the provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
