namespace PartnershipMiner.Core.Classification;

/// <summary>What normalisation erases but the cues need: the original case and the value of a short number.</summary>
/// <param name="SmallNumber">The value of a token of at most four bare digits, else -1.</param>
/// <param name="HyphenJoined">Joined to the previous token by a hyphen or dash with no space ("Indo-Pacific").</param>
internal readonly record struct TokenShape(bool Numeric, int SmallNumber, bool Capitalised, bool Acronym, bool HyphenJoined);

/// <summary>Per-thread working memory, grown on demand and never shrunk, so steady state allocates nothing.</summary>
internal sealed class FeatureBuffer
{
    public char[] Text { get; private set; } = new char[512];

    public int TextLength { get; set; }

    public int[] TokenStart { get; private set; } = new int[128];

    public int[] TokenLength { get; private set; } = new int[128];

    public TokenShape[] TokenShape { get; private set; } = new TokenShape[128];

    /// <summary>Raw FNV state of each token's unigram, and of the bigram it starts, for cue lookup.</summary>
    public uint[] UnigramState { get; private set; } = new uint[128];

    public uint[] BigramState { get; private set; } = new uint[128];

    /// <summary>The lexicon cue of each token's unigram (-1 for none) and its phrase roles, for the phrase cues.</summary>
    public sbyte[] TokenCue { get; private set; } = new sbyte[128];

    public TokenRole[] TokenRoles { get; private set; } = new TokenRole[128];

    public int TokenCount { get; set; }

    public ulong RawCues { get; set; }

    public int[] Hashes { get; private set; } = new int[2048];

    public int HashCount { get; set; }

    public int[] Indices { get; private set; } = new int[2048];

    public float[] Values { get; private set; } = new float[2048];

    public int[] Counts { get; private set; } = new int[2048];

    public int[] SlotKey { get; private set; } = new int[4096];

    public int[] SlotEntry { get; private set; } = new int[4096];

    public int Count { get; set; }

    public void EnsureText(int length)
    {
        if (Text.Length < length)
        {
            Text = new char[Math.Max(length, Text.Length * 2)];
        }
    }

    public void EnsureTokens(int count)
    {
        if (TokenStart.Length < count)
        {
            var size = Math.Max(count, TokenStart.Length * 2);
            TokenStart = new int[size];
            TokenLength = new int[size];
            TokenShape = new TokenShape[size];
            UnigramState = new uint[size];
            BigramState = new uint[size];
            TokenCue = new sbyte[size];
            TokenRoles = new TokenRole[size];
        }
    }

    public void EnsureFeatures(int count)
    {
        if (Hashes.Length < count)
        {
            var size = Math.Max(count, Hashes.Length * 2);
            Hashes = new int[size];
            Indices = new int[size];
            Values = new float[size];
            Counts = new int[size];
        }
    }

    public void EnsureTable(int size)
    {
        if (SlotKey.Length < size)
        {
            SlotKey = new int[size];
            SlotEntry = new int[size];
        }
    }
}
