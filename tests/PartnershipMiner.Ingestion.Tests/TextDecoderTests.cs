using System.Text;

namespace PartnershipMiner.Ingestion.Tests;

public sealed class TextDecoderTests
{
    private const string Sample = "The two sides agreed to upgrade relations.\r\nThey signed a memorandum.";
    private const string Normalised = "The two sides agreed to upgrade relations.\nThey signed a memorandum.";

    public static TheoryData<string, bool> Utf16Cases => new()
    {
        { "utf-16le", true },
        { "utf-16le", false },
        { "utf-16be", true },
        { "utf-16be", false },
    };

    [Theory]
    [MemberData(nameof(Utf16Cases))]
    public void Utf16WithAndWithoutByteOrderMark(string encodingName, bool withBom)
    {
        var encoding = new UnicodeEncoding(bigEndian: encodingName == "utf-16be", byteOrderMark: withBom);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Sample)).ToArray();

        Assert.True(TextDecoder.TryDecode(bytes, null, out var decoded, out var failure), failure);
        Assert.Equal(Normalised, decoded.Text);
        Assert.Equal(encodingName, decoded.EncodingName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf32WithByteOrderMark(bool bigEndian)
    {
        var encoding = new UTF32Encoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Sample)).ToArray();

        Assert.True(TextDecoder.TryDecode(bytes, null, out var decoded, out var failure), failure);
        Assert.Equal(Normalised, decoded.Text);
    }

    [Fact]
    public void Utf8ByteOrderMarkIsDropped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("Déclaration conjointe")).ToArray();

        Assert.True(TextDecoder.TryDecode(bytes, null, out var decoded, out _));
        Assert.Equal("Déclaration conjointe", decoded.Text);
    }

    [Fact]
    public void Windows1252SmartQuotesAndAccents()
    {
        // “Comprehensive partnership” with Perú, café — as a 1252 editor writes it (0x93, 0x94, 0xFA, 0xE9, 0x97).
        byte[] bytes =
        [
            0x93, .. "Comprehensive partnership"u8, 0x94, .. " with Per"u8, 0xFA, .. ", caf"u8, 0xE9, (byte)' ', 0x97,
            .. " signed."u8,
        ];

        Assert.True(TextDecoder.TryDecode(bytes, null, out var decoded, out var failure), failure);
        Assert.Equal("\u201CComprehensive partnership\u201D with Perú, café \u2014 signed.", decoded.Text);
        Assert.Equal("windows-1252", decoded.EncodingName);
    }

    [Fact]
    public void Latin1Text()
    {
        var latin1 = Encoding.Latin1.GetBytes("Réunion à Zürich: façade, naïve, São Tomé.");

        Assert.True(TextDecoder.TryDecode(latin1, null, out var decoded, out _));
        Assert.Equal("Réunion à Zürich: façade, naïve, São Tomé.", decoded.Text);
    }

    [Fact]
    public void DeclaredCharsetIsUsedWhenBytesAreNotUtf8()
    {
        var bytes = Encoding.Latin1.GetBytes("Ministère des Affaires étrangères");

        Assert.True(TextDecoder.TryDecode(bytes, "iso-8859-1", out var decoded, out _));
        Assert.Equal("Ministère des Affaires étrangères", decoded.Text);
    }

    [Fact]
    public void RandomBytesAreRejectedAsUndecodable()
    {
        var random = new Random(20240312);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = bytes[i] == 0 ? (byte)1 : bytes[i]; // no NULs: this is about encoding, not binary detection
        }

        bytes[0] = (byte)'A'; // and no accidental magic number

        Assert.False(TextDecoder.TryDecode(bytes, null, out _, out var failure));
        Assert.Equal("not valid UTF-8 and no declared encoding", failure);
    }

    [Fact]
    public void NulBytesMeanBinary()
    {
        byte[] bytes = [.. "Partnership agreement"u8, 0, 0, 0, 1, 2, 3, .. "more text"u8, 0, 0x10, 0x20];

        Assert.False(TextDecoder.TryDecode(bytes, null, out _, out var failure));
        Assert.Equal("binary content (NUL bytes in first 8 KB)", failure);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x41 }, "PNG image")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01 }, "ELF executable")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "PDF document")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00 }, "gzip data")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "JPEG image")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "ZIP archive")]
    public void MagicNumbersMeanBinary(byte[] header, string format)
    {
        byte[] bytes = [.. header, .. "looks like text after the header"u8];

        Assert.False(TextDecoder.TryDecode(bytes, null, out _, out var failure));
        Assert.Equal($"binary content ({format} signature)", failure);
    }

    [Fact]
    public void NulCharactersPastTheSniffedStartAreDroppedAndAnUnsupportedCharsetIsNoCrash()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(new string('a', 9000)), 0, .. " and then more text"u8];

        Assert.True(TextDecoder.TryDecode(bytes, null, out var decoded, out _));
        Assert.Equal(new string('a', 9000) + " and then more text", decoded.Text);

        // .NET knows the name UTF-7 but will not decode it: an unknown encoding, not an exception.
        Assert.False(TextDecoder.TryDecode([0xE9, .. "t\u00e9"u8], "utf-7", out _, out var failure));
        Assert.Equal("not valid UTF-8 and the declared encoding 'utf-7' is unknown", failure);
    }

    [Fact]
    public void MixedLineEndingsBecomeLineFeeds()
    {
        var bytes = Encoding.UTF8.GetBytes("first\r\nsecond\rthird\nfourth\r\n\r\nlast");

        Assert.True(TextDecoder.TryDecode(bytes, null, out var decoded, out _));
        Assert.Equal("first\nsecond\nthird\nfourth\n\nlast", decoded.Text);
    }

    [Fact]
    public void TruncatedUtf16IsRejected()
    {
        var bytes = new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes("Talks")).Append((byte)0x41).ToArray();

        Assert.False(TextDecoder.TryDecode(bytes, null, out _, out var failure));
        Assert.Equal("not valid utf-16le", failure);
    }

    [Fact]
    public void MostlyUtf8WithAStrayByteStaysUtf8()
    {
        var text = string.Concat(Enumerable.Repeat("Coopération économique et sécurité régionale. ", 5));
        byte[] bytes = [.. Encoding.UTF8.GetBytes(text), 0xC3]; // cut in the middle of a character

        Assert.True(TextDecoder.TryDecode(bytes, null, out var decoded, out _));
        Assert.Equal(text + "\uFFFD", decoded.Text);
        Assert.Equal("utf-8 (1 invalid bytes replaced)", decoded.EncodingName);
    }

    [Fact]
    public void DeclaredUtf16WithoutNulPairsIsIgnored()
    {
        var bytes = Encoding.Latin1.GetBytes("Réunion ministérielle");

        Assert.True(TextDecoder.TryDecode(bytes, "utf-16", out var decoded, out _));
        Assert.Equal("Réunion ministérielle", decoded.Text);
    }
}
