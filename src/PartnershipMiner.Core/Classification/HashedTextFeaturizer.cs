using System.Runtime.CompilerServices;
using System.Collections.Frozen;
using System.Globalization;

namespace PartnershipMiner.Core.Classification;

/// <summary>
/// A sparse feature vector: distinct indices, in the order the featuriser first met them, and their values. That order
/// is deterministic, and both training and classification sum in it, so they agree to the last bit.
/// </summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}

/// <summary>
/// Text to a sparse vector, in the spirit of ML.NET's FeaturizeText: normalised word unigrams and bigrams, optionally
/// character 3–5-grams of each word, hashed into 2^bits buckets, sublinear TF (1 + ln count), L2-normalised; then the
/// <see cref="CueFeature"/> block at value 1 outside that normalisation, so a cue weighs the same in a short headline
/// as in a long sentence.
/// <para>
/// Normalisation: letters lower-cased; a run of digits (with ',' or '.' between digits) becomes its shape, each digit
/// 'd', wrapped in '&lt;' '&gt;' ("2019" → "&lt;dddd&gt;", "1.8" → "&lt;d.d&gt;", "G20" → "&lt;gdd&gt;"); an apostrophe
/// between letters is dropped; every other character separates tokens and is discarded after its cue (currency
/// symbol, '%', double quotes) is noted. Tokens are laid out in one buffer as " t1 t2 … tn ", so a bigram is the
/// contiguous span "t1 t2" and a word's character n-grams run over " t1 " with its spaces as boundary marks: nothing
/// is hashed through an intermediate string.
/// </para>
/// <para>
/// Each feature's index is <c>Finalise(FNV-1a(OffsetBasis ^ Seed, [kind] + text)) &amp; (2^bits − 1)</c> where kind is
/// the code unit 'w' (unigram), 'b' (bigram) or 'c' (character n-gram); see <see cref="StableHash"/>.
/// </para>
/// Instances are immutable and thread-safe: the working buffers are per thread.
/// </summary>
public sealed class HashedTextFeaturizer
{
    private const int CapitalisedRunLength = 3;
    private const int ShortSentenceTokens = 8;
    private const int LongSentenceTokens = 45;

    /// <summary>How far into a sentence a place-name-and-date opening still reads as a dateline.</summary>
    private const int DatelineReach = 3;

    [ThreadStatic]
    private static FeatureBuffer? t_buffer;

    private readonly uint _unigramState;
    private readonly uint _bigramState;
    private readonly uint _charState;
    private readonly int _mask;
    private readonly FrozenDictionary<uint, CueWord> _cueWords;
    private readonly FrozenDictionary<uint, RoleWord> _roleWords;

    public HashedTextFeaturizer(FeaturizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        var basis = StableHash.OffsetBasis ^ settings.Seed;
        _unigramState = StableHash.Step(basis, 'w');
        _bigramState = StableHash.Step(basis, 'b');
        _charState = StableHash.Step(basis, 'c');
        _mask = settings.HashedDimension - 1;

        // Keyed by the FNV state the hot path computes anyway, so matching a token costs one integer lookup.
        _cueWords = CueLexicon.Words.ToFrozenDictionary(
            entry => StableHash.Fnv1a(entry.Key.Contains(' ', StringComparison.Ordinal) ? _bigramState : _unigramState, entry.Key),
            entry => new CueWord(entry.Key, entry.Value));
        _roleWords = CueLexicon.Roles.ToFrozenDictionary(
            entry => StableHash.Fnv1a(_unigramState, entry.Key),
            entry => new RoleWord(entry.Key, entry.Value));
    }

    public FeaturizerSettings Settings { get; }

    public int Dimension => Settings.Dimension;

    /// <summary>The bucket of one feature, given its kind code unit ('w', 'b' or 'c') and its normalised text.</summary>
    public int BucketOf(char kind, ReadOnlySpan<char> normalisedText)
    {
        var state = StableHash.Step(StableHash.OffsetBasis ^ Settings.Seed, kind);
        return (int)(StableHash.Finalise(StableHash.Fnv1a(state, normalisedText)) & (uint)_mask);
    }

    /// <summary>The feature index of a cue.</summary>
    public int IndexOf(CueFeature cue) => Settings.HashedDimension + (int)cue;

    /// <summary>Allocates a result of its own: for training and tests, not for the per-sentence hot path.</summary>
    public SparseVector Featurize(ReadOnlySpan<char> text)
    {
        var buffer = Fill(text);
        return new SparseVector(
            buffer.Indices.AsSpan(0, buffer.Count).ToArray(),
            buffer.Values.AsSpan(0, buffer.Count).ToArray());
    }

    /// <summary>Dot product of the sentence's features with <paramref name="weights"/>, allocation-free.</summary>
    // AggressiveOptimization on the featuriser's hot methods (here and below): compiled optimised at first call. A mine
    // run classifies tens of thousands of sentences while the runtime is still busy compiling, and spent much of that time
    // in unoptimised first-tier code (bench/README.md). No change of behaviour.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Dot(ReadOnlySpan<char> text, ReadOnlySpan<float> weights)
    {
        var buffer = Fill(text);
        var indices = buffer.Indices.AsSpan(0, buffer.Count);
        var values = buffer.Values.AsSpan(0, buffer.Count);
        var sum = 0.0;
        for (var i = 0; i < indices.Length; i++)
        {
            sum += weights[indices[i]] * (double)values[i];
        }

        return sum;
    }

    /// <summary>The normalised token layout, " t1 t2 … tn ", for tests and for debugging a surprising score.</summary>
    public static string Normalise(ReadOnlySpan<char> text)
    {
        var buffer = new FeatureBuffer();
        Tokenise(text, buffer);
        return new string(buffer.Text, 0, buffer.TextLength);
    }

    /// <summary>The cues a sentence lights, for tests and for explaining a score.</summary>
    public IReadOnlyList<CueFeature> CuesOf(ReadOnlySpan<char> text)
    {
        var buffer = Fill(text);
        var cues = new List<CueFeature>();
        for (var i = 0; i < buffer.Count; i++)
        {
            if (buffer.Indices[i] >= Settings.HashedDimension)
            {
                cues.Add((CueFeature)(buffer.Indices[i] - Settings.HashedDimension));
            }
        }

        return cues;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FeatureBuffer Fill(ReadOnlySpan<char> text)
    {
        var buffer = t_buffer ??= new FeatureBuffer();
        Tokenise(text, buffer);
        HashTokens(buffer);
        Aggregate(buffer);
        AppendCues(buffer, MatchCues(buffer));
        return buffer;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tokenise(ReadOnlySpan<char> input, FeatureBuffer buffer)
    {
        // A token costs at most its own characters plus '<', '>' and one space; the leading space is the +1.
        buffer.EnsureText((3 * input.Length) + 4);
        buffer.EnsureTokens(input.Length + 1);
        var output = buffer.Text;
        var p = 0;
        output[p++] = ' ';
        var tokens = 0;
        var rawCues = 0ul;
        var previousEnd = -1;
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (!char.IsLetterOrDigit(c))
            {
                rawCues |= RawCharacterCue(c);
                i++;
                continue;
            }

            var end = i;
            var letters = 0;
            var uppers = 0;
            var digits = 0;
            var separators = 0;
            while (end < input.Length)
            {
                var d = input[end];
                if (char.IsLetter(d))
                {
                    letters++;
                    uppers += char.IsUpper(d) ? 1 : 0;
                }
                else if (char.IsDigit(d))
                {
                    digits++;
                }
                else if (IsJoiner(input, end))
                {
                    separators++;
                }
                else
                {
                    break;
                }

                end++;
            }

            var start = p;
            if (digits > 0)
            {
                output[p++] = '<';
            }

            var number = 0;
            for (var k = i; k < end; k++)
            {
                var d = input[k];
                if (char.IsLetter(d))
                {
                    output[p++] = char.ToLowerInvariant(d);
                }
                else if (char.IsDigit(d))
                {
                    output[p++] = 'd';
                    number = digits <= 4 ? (number * 10) + (int)char.GetNumericValue(d) : 0;
                }
                else if (d is '.' or ',')
                {
                    output[p++] = d;
                }
            }

            if (digits > 0)
            {
                output[p++] = '>';
            }

            buffer.TokenStart[tokens] = start;
            buffer.TokenLength[tokens] = p - start;
            buffer.TokenShape[tokens] = new TokenShape(
                Numeric: letters == 0 && digits > 0,
                SmallNumber: letters == 0 && separators == 0 && digits is > 0 and <= 4 ? number : -1,
                Capitalised: char.IsUpper(input[i]),
                Acronym: letters >= 2 && uppers == letters && digits == 0,
                HyphenJoined: previousEnd >= 1 && previousEnd == i - 1 && IsDash(input[previousEnd]) &&
                    char.IsLetter(input[previousEnd - 1]) && char.IsLetter(input[i]));
            tokens++;
            previousEnd = end;
            output[p++] = ' ';
            i = end;
        }

        buffer.TextLength = p;
        buffer.TokenCount = tokens;
        buffer.RawCues = rawCues;
    }

    /// <summary>Digits keep their thousands and decimal marks; words keep their inner apostrophes (dropped later).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsJoiner(ReadOnlySpan<char> input, int at)
    {
        if (at == 0 || at + 1 >= input.Length)
        {
            return false;
        }

        var (before, c, after) = (input[at - 1], input[at], input[at + 1]);
        return c switch
        {
            '.' or ',' => char.IsDigit(before) && char.IsDigit(after),
            '\'' or '\u2019' => char.IsLetter(before) && char.IsLetter(after),
            _ => false,
        };
    }

    private static bool IsDash(char c) => c is '-' or '\u2010' or '\u2011' or '\u2013';

    private static ulong RawCharacterCue(char c) => c switch
    {
        '%' => Bit(CueFeature.Percent),
        '"' or '\u201C' or '\u201D' or '\u00AB' or '\u00BB' => Bit(CueFeature.Quotation),
        _ when char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol => Bit(CueFeature.Currency),
        _ => 0ul,
    };

    private static ulong Bit(CueFeature cue) => 1ul << (int)cue;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void HashTokens(FeatureBuffer buffer)
    {
        var text = buffer.Text.AsSpan(0, buffer.TextLength);
        var settings = Settings;
        var (min, max) = (settings.CharNgramMin, settings.CharNgramMax);
        var worstCase = (2 * buffer.TokenCount) + ((max - min + 1) * (buffer.TextLength + buffer.TokenCount));
        buffer.EnsureFeatures(worstCase + CueLexicon.Count);
        var hashes = buffer.Hashes;
        var n = 0;
        var mask = (uint)_mask;
        for (var t = 0; t < buffer.TokenCount; t++)
        {
            var start = buffer.TokenStart[t];
            var length = buffer.TokenLength[t];
            var word = text.Slice(start, length);
            var unigram = StableHash.Fnv1a(_unigramState, word);
            buffer.UnigramState[t] = unigram;
            hashes[n++] = (int)(StableHash.Finalise(unigram) & mask);
            if (t + 1 < buffer.TokenCount)
            {
                var bigram = StableHash.Fnv1a(_bigramState, text[start..(buffer.TokenStart[t + 1] + buffer.TokenLength[t + 1])]);
                buffer.BigramState[t] = bigram;
                if (settings.WordBigrams)
                {
                    hashes[n++] = (int)(StableHash.Finalise(bigram) & mask);
                }
            }

            // One pass per start position yields the 3-, 4- and 5-gram that begin there.
            var padded = text.Slice(start - 1, length + 2);
            for (var from = 0; settings.CharNgrams && from + min <= padded.Length; from++)
            {
                var state = _charState;
                var last = Math.Min(padded.Length, from + max);
                for (var k = from; k < last; k++)
                {
                    state = StableHash.Step(state, padded[k]);
                    if (k - from + 1 >= min)
                    {
                        hashes[n++] = (int)(StableHash.Finalise(state) & mask);
                    }
                }
            }
        }

        buffer.HashCount = n;
    }

    /// <summary>
    /// Buckets → (index, 1 + ln count) in first-occurrence order, L2-normalised. Counting goes through a small
    /// open-addressing table rather than a sort: it is linear, and a sentence's few hundred buckets fit in it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Aggregate(FeatureBuffer buffer)
    {
        var hashes = buffer.Hashes.AsSpan(0, buffer.HashCount);
        var tableSize = Math.Max(64, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * hashes.Length)));
        buffer.EnsureTable(tableSize);
        var slots = buffer.SlotKey.AsSpan(0, tableSize);
        var slotEntry = buffer.SlotEntry;
        slots.Fill(-1);
        var tableMask = tableSize - 1;
        var indices = buffer.Indices;
        var counts = buffer.Counts;
        var count = 0;
        foreach (var bucket in hashes)
        {
            // Buckets are already avalanche-mixed, so their low bits make a fair slot.
            var slot = bucket & tableMask;
            while (true)
            {
                var key = slots[slot];
                if (key == bucket)
                {
                    counts[slotEntry[slot]]++;
                    break;
                }

                if (key < 0)
                {
                    slots[slot] = bucket;
                    slotEntry[slot] = count;
                    indices[count] = bucket;
                    counts[count] = 1;
                    count++;
                    break;
                }

                slot = (slot + 1) & tableMask;
            }
        }

        var values = buffer.Values;
        var squares = 0.0;
        for (var k = 0; k < count; k++)
        {
            var value = counts[k] == 1 ? 1.0 : 1.0 + Math.Log(counts[k]);
            values[k] = (float)value;
            squares += value * value;
        }

        if (squares > 0)
        {
            var scale = 1.0 / Math.Sqrt(squares);
            for (var k = 0; k < count; k++)
            {
                values[k] = (float)(values[k] * scale);
            }
        }

        buffer.Count = count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ulong MatchCues(FeatureBuffer buffer)
    {
        var text = buffer.Text.AsSpan(0, buffer.TextLength);
        var cues = buffer.RawCues;
        var capitalisedRun = 0;
        var mechanismBigramEnd = -1;
        for (var t = 0; t < buffer.TokenCount; t++)
        {
            var shape = buffer.TokenShape[t];
            var word = text.Slice(buffer.TokenStart[t], buffer.TokenLength[t]);
            if (shape.Numeric)
            {
                cues |= shape.SmallNumber is >= 1900 and <= 2099 && word.Length == 6
                    ? Bit(CueFeature.Year)
                    : Bit(CueFeature.Number);
            }
            else if (IsNumericOrdinal(word))
            {
                cues |= Bit(CueFeature.Ordinal);
            }

            buffer.TokenCue[t] = -1;
            buffer.TokenRoles[t] = _roleWords.TryGetValue(buffer.UnigramState[t], out var role) && word.SequenceEqual(role.Text)
                ? role.Roles
                : TokenRole.None;

            // The second word of a two-word mechanism ("working group", "task force") stands for the whole.
            if (t == mechanismBigramEnd)
            {
                buffer.TokenRoles[t] |= TokenRole.MechanismNoun;
            }

            if (_cueWords.TryGetValue(buffer.UnigramState[t], out var cue) && word.SequenceEqual(cue.Text))
            {
                buffer.TokenCue[t] = (sbyte)cue.Cue;
                cues |= cue.Cue switch
                {
                    CueFeature.Month => MonthCue(buffer, t, word),
                    CueFeature.Instrument => InstrumentCue(buffer, t),
                    _ => Bit(cue.Cue),
                };
            }

            if (t + 1 < buffer.TokenCount && _cueWords.TryGetValue(buffer.BigramState[t], out var pair))
            {
                var bigram = text[buffer.TokenStart[t]..(buffer.TokenStart[t + 1] + buffer.TokenLength[t + 1])];
                if (bigram.SequenceEqual(pair.Text))
                {
                    cues |= Bit(pair.Cue);
                    mechanismBigramEnd = pair.Cue == CueFeature.Institution ? t + 1 : mechanismBigramEnd;
                }
            }

            if (shape.Acronym && word.Length >= 2)
            {
                cues |= Bit(CueFeature.Acronym);
            }

            // Lower-case connectives inside a title ("Treaty on the Establishment of …") neither break nor extend it.
            if (shape.Capitalised)
            {
                capitalisedRun++;
                if (capitalisedRun >= CapitalisedRunLength)
                {
                    cues |= Bit(CueFeature.CapitalisedRun);
                }
            }
            else if (!IsTitleConnective(word))
            {
                capitalisedRun = 0;
            }
        }

        cues |= MatchPhrases(buffer);
        if (buffer.TokenCount <= ShortSentenceTokens)
        {
            cues |= Bit(CueFeature.ShortSentence);
        }
        else if (buffer.TokenCount >= LongSentenceTokens)
        {
            cues |= Bit(CueFeature.LongSentence);
        }

        return cues;
    }

    /// <summary>
    /// Cues made of two nearby words, each a generalisation of one anchor of the labelling rule or of the framing it
    /// sets aside: a number before a time unit (a duration, framing) or before documents (a count of instruments, an
    /// anchor); a vote count; "every two years", "annually" (a recurring mechanism); "since" before a year (framing);
    /// a hyphenated pair of names before a mechanism noun ("India-Japan 2+2 dialogue"); a capitalised mechanism noun
    /// (a title: "Joint Economic Commission"); a verb that sets up or holds a mechanism before its noun.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong MatchPhrases(FeatureBuffer buffer)
    {
        var cues = 0ul;
        var count = buffer.TokenCount;
        for (var t = 0; t < count; t++)
        {
            var roles = buffer.TokenRoles[t];
            if (IsCount(buffer, t))
            {
                for (var k = t + 1; k <= Math.Min(count - 1, t + 2); k++)
                {
                    var next = buffer.TokenRoles[k];
                    cues |= (next & TokenRole.TimeUnit) != 0 ? Bit(CueFeature.Duration) : 0ul;
                    cues |= (next & TokenRole.Document) != 0 || buffer.TokenCue[k] == (sbyte)CueFeature.Instrument
                        ? Bit(CueFeature.CountedDocuments)
                        : 0ul;
                }
            }

            if ((roles & TokenRole.Vote) != 0 && (NearCount(buffer, t - 2, t - 1) || NearCount(buffer, t + 1, t + 2)))
            {
                cues |= Bit(CueFeature.VoteTally);
            }

            if ((roles & TokenRole.PeriodicWord) != 0 ||
                ((roles & TokenRole.Repetition) != 0 && AnyRole(buffer, t + 1, t + 3, TokenRole.TimeUnit)))
            {
                cues |= Bit(CueFeature.Periodic);
            }

            if ((roles & TokenRole.Since) != 0)
            {
                for (var k = t + 1; k <= Math.Min(count - 1, t + 4); k++)
                {
                    cues |= IsYear(buffer, k) ? Bit(CueFeature.SinceYear) : 0ul;
                }
            }

            var mechanism = IsMechanismNoun(buffer, t);
            if (mechanism && t > 0 && buffer.TokenShape[t].Capitalised)
            {
                cues |= Bit(CueFeature.CapitalisedInstitution);
            }

            if (buffer.TokenShape[t].HyphenJoined && buffer.TokenShape[t].Capitalised && buffer.TokenShape[t - 1].Capitalised)
            {
                for (var k = t + 1; k <= Math.Min(count - 1, t + 5); k++)
                {
                    cues |= IsMechanismNoun(buffer, k) ? Bit(CueFeature.NamedMechanism) : 0ul;
                }
            }

            if ((roles & TokenRole.MechanismVerb) != 0)
            {
                for (var k = t + 1; k <= Math.Min(count - 1, t + 7); k++)
                {
                    cues |= IsMechanismNoun(buffer, k) ? Bit(CueFeature.MechanismAction) : 0ul;
                }
            }
        }

        return cues;
    }

    /// <summary>A figure or a spelled number, but not a year: "16", "1,000", "three".</summary>
    private static bool IsCount(FeatureBuffer buffer, int t) =>
        (buffer.TokenShape[t].Numeric && !IsYear(buffer, t)) || buffer.TokenCue[t] == (sbyte)CueFeature.SpelledNumber;

    private static bool IsYear(FeatureBuffer buffer, int t) =>
        buffer.TokenShape[t].SmallNumber is >= 1900 and <= 2099 && buffer.TokenLength[t] == 6;

    private static bool NearCount(FeatureBuffer buffer, int from, int to)
    {
        for (var k = Math.Max(0, from); k <= Math.Min(buffer.TokenCount - 1, to); k++)
        {
            if (IsCount(buffer, k))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyRole(FeatureBuffer buffer, int from, int to, TokenRole role)
    {
        for (var k = Math.Max(0, from); k <= Math.Min(buffer.TokenCount - 1, to); k++)
        {
            if ((buffer.TokenRoles[k] & role) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMechanismNoun(FeatureBuffer buffer, int t) =>
        buffer.TokenCue[t] == (sbyte)CueFeature.Institution || (buffer.TokenRoles[t] & TokenRole.MechanismNoun) != 0;

    /// <summary>
    /// A month next to a day or a year is a calendar date; a bare month still hints at one. "may" only counts next to
    /// a number, since it is far more often the modal verb. A date right after an upper-case place name opening the
    /// sentence ("SEOUL, Oct. 18 --") is a dateline, which the labelling rule says is no anchor.
    /// </summary>
    private static ulong MonthCue(FeatureBuffer buffer, int t, ReadOnlySpan<char> word)
    {
        var nextToNumber = (t > 0 && buffer.TokenShape[t - 1].SmallNumber >= 0)
            || (t + 1 < buffer.TokenCount && buffer.TokenShape[t + 1].SmallNumber >= 0);
        if (nextToNumber && t <= DatelineReach && buffer.TokenShape[0].Acronym)
        {
            return Bit(CueFeature.Dateline);
        }

        if (nextToNumber)
        {
            return Bit(CueFeature.MonthWithDayOrYear) | Bit(CueFeature.Month);
        }

        return word.SequenceEqual("may") ? 0ul : Bit(CueFeature.Month);
    }

    /// <summary>
    /// An instrument word inside a sentence and capitalised is usually part of a title ("Reciprocal Access
    /// Agreement"); after a demonstrative it usually points back to one already reported ("the agreement").
    /// </summary>
    private static ulong InstrumentCue(FeatureBuffer buffer, int t)
    {
        var cues = Bit(CueFeature.Instrument);
        if (t > 0 && buffer.TokenShape[t].Capitalised)
        {
            cues |= Bit(CueFeature.CapitalisedInstrument);
        }

        if (t > 0)
        {
            var text = buffer.Text.AsSpan();
            var previous = text.Slice(buffer.TokenStart[t - 1], buffer.TokenLength[t - 1]);
            if (previous.SequenceEqual("the") || previous.SequenceEqual("this") || previous.SequenceEqual("that") ||
                previous.SequenceEqual("these"))
            {
                cues |= Bit(CueFeature.BackReference);
            }
        }

        return cues;
    }

    /// <summary>"1st", "21st", "50th" normalise to "&lt;dst&gt;", "&lt;ddst&gt;", "&lt;ddth&gt;": framing, not quantities.</summary>
    private static bool IsNumericOrdinal(ReadOnlySpan<char> word) =>
        word.Length >= 5 && word[0] == '<' && word[1] == 'd' &&
        (word.EndsWith("st>") || word.EndsWith("nd>") || word.EndsWith("rd>") || word.EndsWith("th>")) &&
        !word[1..^3].ContainsAnyExcept('d');

    private static bool IsTitleConnective(ReadOnlySpan<char> word) =>
        word.SequenceEqual("of") || word.SequenceEqual("on") || word.SequenceEqual("the") ||
        word.SequenceEqual("and") || word.SequenceEqual("for") || word.SequenceEqual("between");

    private void AppendCues(FeatureBuffer buffer, ulong cues)
    {
        var count = buffer.Count;
        for (var cue = 0; cues != 0; cue++, cues >>= 1)
        {
            if ((cues & 1ul) != 0)
            {
                buffer.Indices[count] = Settings.HashedDimension + cue;
                buffer.Values[count] = 1f;
                count++;
            }
        }

        buffer.Count = count;
    }

    private sealed record CueWord(string Text, CueFeature Cue);

    private sealed record RoleWord(string Text, TokenRole Roles);
}
