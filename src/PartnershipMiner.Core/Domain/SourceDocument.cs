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
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(bytes);
    }
}
