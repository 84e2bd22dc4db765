namespace PartnershipMiner.Core.Domain;

/// <summary>A half-open character range [Start, End) in a document's normalised text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public bool Contains(int offset) => offset >= Start && offset < End;

    public ReadOnlySpan<char> Slice(ReadOnlySpan<char> text) => text[Start..End];
}
