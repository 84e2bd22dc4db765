using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Spotting;

/// <summary>A country or organisation named in the text, at tokens [FirstToken, EndToken) of its document.</summary>
public readonly record struct PartyMention(int FirstToken, int EndToken, TextSpan Span, string Code, MentionKind Kind, bool Ambiguous);
