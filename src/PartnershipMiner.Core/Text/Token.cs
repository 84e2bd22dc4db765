namespace PartnershipMiner.Core.Text;

public enum TokenKind : byte
{
    Word,
    Number,
    Hyphen,
    Quote,
    Punctuation,
}

/// <summary>A token is a range of the normalised text; it never owns a string, so tokenising allocates nothing per token.</summary>
public readonly record struct Token(int Start, int Length, TokenKind Kind)
{
    public int End => Start + Length;

    public ReadOnlySpan<char> Of(string text) => text.AsSpan(Start, Length);

    public bool IsWord => Kind == TokenKind.Word;
}
