using System.Buffers;

namespace PartnershipMiner.Core.Pipeline;

/// <summary>
/// The cheap first pass: does a text say "partner" (any case)? A vectorised search, where
/// <c>Contains("partner", OrdinalIgnoreCase)</c> under invariant globalisation compares character by character. The two
/// agree exactly: no character outside ASCII equals an ASCII letter under ordinal ignore-case.
/// </summary>
internal static class PartnerWord
{
    private static readonly SearchValues<string> Word = SearchValues.Create(["partner"], StringComparison.OrdinalIgnoreCase);

    public static bool In(ReadOnlySpan<char> text) => text.ContainsAny(Word);
}
