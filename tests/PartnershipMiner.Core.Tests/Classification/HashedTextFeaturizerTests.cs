using PartnershipMiner.Core.Classification;

namespace PartnershipMiner.Core.Tests.Classification;

public sealed class HashedTextFeaturizerTests
{
    private static readonly HashedTextFeaturizer Default = new(new FeaturizerSettings());

    // Wide enough that the handful of features in these sentences cannot collide, so counts are exact.
    private static readonly HashedTextFeaturizer Wide = new(new FeaturizerSettings { HashBits = 24, CharNgrams = true });

    [Fact]
    public void Fnv1a_over_utf16le_matches_the_reference_values()
    {
        // Reference: 32-bit FNV-1a of the UTF-16LE bytes, computed independently (Python, bytes of "treaty".encode("utf-16-le")).
        Assert.Equal(0x811C9DC5u, StableHash.Fnv1a(""));
        Assert.Equal(0xC2CAFA7Au, StableHash.Fnv1a("treaty"));
        Assert.Equal(0x3311CC35u, StableHash.Finalise(0xC2CAFA7Au));
    }

    [Fact]
    public void Buckets_follow_the_documented_composition_with_the_default_seed()
    {
        // Finalise(FNV-1a(basis ^ 0x9E3779B9, kind + text)) & (2^18 - 1), computed independently in Python.
        Assert.Equal(88130, Default.BucketOf('w', "treaty"));
        Assert.Equal(94564, Default.BucketOf('b', "signed the"));
        Assert.Equal(139071, Default.BucketOf('c', " tre"));
        Assert.Contains(88130, Default.Featurize("Treaty").Indices);
    }

    [Fact]
    public void Normalisation_lowercases_shapes_digits_and_strips_punctuation()
    {
        Assert.Equal(
            " in <dddd> the eus <gdd> pledged <d.d> billion and <d,ddd> tonnes ",
            HashedTextFeaturizer.Normalise("In 2019, the EU's G20 pledged 1.8 billion — and 5,000 tonnes!"));
    }

    [Fact]
    public void Case_and_the_particular_digits_do_not_change_the_hashed_features()
    {
        var lower = Default.Featurize("signed in 2019 for 12 million");
        var title = Default.Featurize("Signed In 2023 For 47 Million");
        Assert.Equal(lower.Indices, title.Indices);
        Assert.Equal(lower.Values, title.Values);

        // Upper case differs only in the cue block, which notes acronyms on purpose.
        var upper = Default.Featurize("SIGNED IN 2023 FOR 47 MILLION");
        Assert.Equal(lower.Indices.Where(IsHashed), upper.Indices.Where(IsHashed));
        Assert.Contains(Default.IndexOf(CueFeature.Acronym), upper.Indices);
    }

    private static bool IsHashed(int index) => index < Default.Settings.HashedDimension;

    [Fact]
    public void Two_short_words_give_two_unigrams_one_bigram_and_six_character_ngrams()
    {
        // " ab " yields 3-grams " ab", "ab " and the 4-gram " ab "; likewise " cd ": 2 + 1 + 6 = 9 hashed features.
        var features = Wide.Featurize("ab cd");
        var hashed = features.Indices.Count(i => i < Wide.Settings.HashedDimension);
        Assert.Equal(9, hashed);
        Assert.Contains(Wide.BucketOf('w', "ab"), features.Indices);
        Assert.Contains(Wide.BucketOf('b', "ab cd"), features.Indices);
        Assert.Contains(Wide.BucketOf('c', " ab "), features.Indices);
        Assert.Contains(Wide.BucketOf('c', "cd "), features.Indices);
        Assert.DoesNotContain(Wide.BucketOf('c', " ab c"), features.Indices);
    }

    [Fact]
    public void Long_words_give_three_to_five_grams_per_start_position()
    {
        // " treaty " has 8 characters: 6 trigrams, 5 four-grams, 4 five-grams, plus the unigram.
        var features = Wide.Featurize("treaty");
        Assert.Equal(16, features.Indices.Count(i => i < Wide.Settings.HashedDimension));
        Assert.Contains(Wide.BucketOf('c', "reaty"), features.Indices);
        Assert.DoesNotContain(Wide.BucketOf('c', " treat"), features.Indices);
    }

    [Fact]
    public void Repeats_get_sublinear_weight_and_the_hashed_block_has_unit_norm()
    {
        var features = Wide.Featurize("ab ab");
        var hashedValues = Enumerable.Range(0, features.Count)
            .Where(i => features.Indices[i] < Wide.Settings.HashedDimension)
            .Select(i => (double)features.Values[i])
            .ToArray();

        // Unigram "ab" and the three character n-grams occur twice (1 + ln 2 each), the bigram "ab ab" once.
        var repeated = 1 + Math.Log(2);
        var norm = Math.Sqrt((4 * repeated * repeated) + 1);
        var unigram = Array.IndexOf(features.Indices, Wide.BucketOf('w', "ab"));
        Assert.Equal(repeated / norm, features.Values[unigram], 6);
        Assert.Equal(1.0, Math.Sqrt(hashedValues.Sum(v => v * v)), 6);
        Assert.Equal(features.Count, features.Indices.Distinct().Count());
    }

    [Fact]
    public void Anchors_light_their_named_cues()
    {
        var cues = Default.CuesOf("The ministers signed a treaty worth $5 billion on 12 June 2019 covering 40% of tariffs.");
        Assert.Contains(CueFeature.Instrument, cues);
        Assert.Contains(CueFeature.SigningVerb, cues);
        Assert.Contains(CueFeature.Currency, cues);
        Assert.Contains(CueFeature.Magnitude, cues);
        Assert.Contains(CueFeature.MonthWithDayOrYear, cues);
        Assert.Contains(CueFeature.Year, cues);
        Assert.Contains(CueFeature.Number, cues);
        Assert.Contains(CueFeature.Percent, cues);
        Assert.Contains(CueFeature.PolicyMeasure, cues);
        Assert.Contains(CueFeature.Instrument, Default.CuesOf("They adopted a joint statement and an action plan."));
    }

    [Fact]
    public void Rhetoric_without_anchors_lights_no_anchor_cue()
    {
        var cues = Default.CuesOf("Both sides may deepen their friendship in the years ahead.");
        Assert.DoesNotContain(CueFeature.Month, cues);
        Assert.DoesNotContain(CueFeature.Number, cues);
        Assert.DoesNotContain(CueFeature.Year, cues);
        Assert.Contains(CueFeature.Intention, cues);
    }

    [Theory]
    [InlineData("The two sides signed 16 documents covering energy and trade.", CueFeature.CountedDocuments)]
    [InlineData("They signed three agreements.", CueFeature.CountedDocuments)]
    [InlineData("The resolution passed with 19 votes in favour, 3 against and 12 abstentions.", CueFeature.VoteTally)]
    [InlineData("The commission will meet twice a year.", CueFeature.Periodic)]
    [InlineData("Summits will be held every two years.", CueFeature.Periodic)]
    [InlineData("The ministers will meet annually.", CueFeature.Periodic)]
    [InlineData("It was his first visit since taking office in 2023.", CueFeature.SinceYear)]
    [InlineData("Relations have flourished over the past three decades.", CueFeature.Duration)]
    [InlineData("Ties go back 70 years.", CueFeature.Duration)]
    [InlineData("Egypt will host the Egyptian-Chinese strategic dialogue.", CueFeature.NamedMechanism)]
    [InlineData("They launched the India–EU Trade and Technology Council.", CueFeature.NamedMechanism)]
    [InlineData("The Joint Economic Commission met in Hanoi.", CueFeature.CapitalisedInstitution)]
    [InlineData("They agreed to establish a joint working group on energy.", CueFeature.MechanismAction)]
    [InlineData("They will hold the next round of the strategic dialogue in Rome.", CueFeature.MechanismAction)]
    [InlineData("A 2,115-megawatt plant opened.", CueFeature.Unit)]
    public void Phrase_anchors_light_their_cues(string sentence, CueFeature expected) =>
        Assert.Contains(expected, Default.CuesOf(sentence));

    [Theory]
    [InlineData("The two sides signed documents covering energy and trade.", CueFeature.CountedDocuments)]
    [InlineData("In 2019 three agreements were signed.", CueFeature.Duration)]
    [InlineData("They voted in favour of dialogue.", CueFeature.VoteTally)]
    [InlineData("They met once again.", CueFeature.Periodic)]
    [InlineData("Since then relations have grown.", CueFeature.SinceYear)]
    [InlineData("The Indo-Pacific strategy was discussed.", CueFeature.NamedMechanism)]
    [InlineData("Sino-US relations need strategic trust.", CueFeature.NamedMechanism)]
    [InlineData("Commission officials welcomed the idea.", CueFeature.CapitalisedInstitution)]
    [InlineData("They agreed to strengthen dialogue and consultation.", CueFeature.MechanismAction)]
    public void Near_misses_do_not_light_the_phrase_cues(string sentence, CueFeature unexpected) =>
        Assert.DoesNotContain(unexpected, Default.CuesOf(sentence));

    [Fact]
    public void A_year_outside_1900_to_2099_is_a_number_not_a_year()
    {
        var cues = Default.CuesOf("Relations go back to 1850 and ahead to 2150.");
        Assert.DoesNotContain(CueFeature.Year, cues);
        Assert.Contains(CueFeature.Number, cues);
    }

    [Fact]
    public void Featurising_on_many_threads_gives_the_same_vectors_as_on_one()
    {
        var sentences = ToySentences.Generate(200, 3).Select(s => s.Text).ToArray();
        var sequential = sentences.Select(s => Default.Featurize(s)).ToArray();
        var parallel = new SparseVector[sentences.Length];
        Parallel.For(0, sentences.Length, i => parallel[i] = Default.Featurize(sentences[i]));
        for (var i = 0; i < sentences.Length; i++)
        {
            Assert.Equal(sequential[i].Indices, parallel[i].Indices);
            Assert.Equal(sequential[i].Values, parallel[i].Values);
        }
    }

    [Fact]
    public void Very_long_input_grows_the_buffers_and_still_counts_every_word()
    {
        var text = string.Join(' ', Enumerable.Range(0, 5000).Select(i => $"w{i:x}"));
        var features = Wide.Featurize(text);
        Assert.Contains(Wide.BucketOf('w', "<wdddd>"), features.Indices);
        Assert.Contains(Wide.IndexOf(CueFeature.LongSentence), features.Indices);
        Assert.DoesNotContain(Wide.Featurize("").Indices, i => i < Wide.Settings.HashedDimension);
    }
}
