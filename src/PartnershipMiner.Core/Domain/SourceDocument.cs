using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace PartnershipMiner.Core.Domain;

/// <summary>
/// A document as the Source stage hands it on: where it came from, its decoded text, and whatever
/// metadata the source already knew (an HTML title, a meta publication date). The pipeline fills the gaps from the text.
/// </summary>
public sealed record SourceDocument(string Source, string Text, string? Title = null, DateOnly? Date = null)
{
    /// <summary>Identity of the content: the same text arriving twice, from anywhere, is the same document.</summary>
    public string ContentHash { get; } = HashOf(Text);

    public static string HashOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // The UTF-8 bytes go to a pooled buffer: hashing a document allocates nothing but the hex string.
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, utf8);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }
}
