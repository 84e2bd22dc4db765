using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Classification;

/// <summary>
/// Teaches the linear model the labelling rule's "one anchor is enough": each sentence is also shown joined to a
/// rhetorical sentence drawn from the same training data, keeping its own label (an anchor plus rhetoric is
/// substantive, rhetoric plus rhetoric stays rhetorical). Without it, a long sentence whose many rhetorical n-grams
/// surround a single anchor reads as rhetoric, because hand-written training sentences are short.
/// </summary>
public static class TrainingAugmentation
{
    /// <summary>The sentences as given, then <paramref name="copies"/> rounds of each joined to a seeded companion.</summary>
    public static IReadOnlyList<LabelledSentence> WithRhetoricalCompanions(
        IReadOnlyList<LabelledSentence> sentences, int copies, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentOutOfRangeException.ThrowIfNegative(copies);
        var rhetorical = sentences.Where(s => s.Label == RhetoricLabel.Rhetorical).ToArray();
        if (copies == 0 || rhetorical.Length < 2)
        {
            return sentences;
        }

        var random = new SeededRandom(seed);
        var augmented = new List<LabelledSentence>((copies + 1) * sentences.Count);
        augmented.AddRange(sentences);
        for (var round = 0; round < copies; round++)
        {
            foreach (var sentence in sentences)
            {
                var pick = random.NextInt(rhetorical.Length);
                var companion = ReferenceEquals(rhetorical[pick], sentence)
                    ? rhetorical[(pick + 1) % rhetorical.Length]
                    : rhetorical[pick];

                // Either order, so no position in a long sentence is learnt as the place anchors live.
                var text = random.NextInt(2) == 0 ? $"{sentence.Text} {companion.Text}" : $"{companion.Text} {sentence.Text}";
                augmented.Add(sentence with { Text = text });
            }
        }

        return augmented;
    }
}
