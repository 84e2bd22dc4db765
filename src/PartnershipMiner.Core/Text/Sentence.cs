using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Text;

public enum SentenceKind : byte
{
    Body,
    Title,
    Heading,
    ListItem,
    TableRow,
    Metadata,
}

/// <summary>One unit of text the later stages read: a sentence, a headline, a list item or a table row.</summary>
public readonly record struct Sentence(TextSpan Span, SentenceKind Kind, int Paragraph)
{
    public ReadOnlySpan<char> Of(string text) => text.AsSpan(Span.Start, Span.Length);
}
