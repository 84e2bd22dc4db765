using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Tests.Classification;

public sealed class TrainingAugmentationTests
{
    private static readonly IReadOnlyList<LabelledSentence> Sentences = ToySentences.Generate(40, 9);

    [Fact]
    public void Each_copy_keeps_its_label_and_contains_its_sentence_and_a_rhetorical_companion()
    {
        var augmented = TrainingAugmentation.WithRhetoricalCompanions(Sentences, 2, 5);
        Assert.Equal(3 * Sentences.Count, augmented.Count);
        Assert.Equal(Sentences, augmented.Take(Sentences.Count));
        var rhetoricalTexts = Sentences.Where(s => s.Label == RhetoricLabel.Rhetorical).Select(s => s.Text).ToArray();
        for (var i = Sentences.Count; i < augmented.Count; i++)
        {
            var original = Sentences[i % Sentences.Count];
            var copy = augmented[i];
            Assert.Equal(original.Label, copy.Label);
            Assert.Contains(original.Text, copy.Text, StringComparison.Ordinal);
            var companion = copy.Text.StartsWith(original.Text + " ", StringComparison.Ordinal)
                ? copy.Text[(original.Text.Length + 1)..]
                : copy.Text[..^(original.Text.Length + 1)];
            Assert.Contains(companion, rhetoricalTexts);
        }
    }

    [Fact]
    public void The_seed_decides_the_companions_and_zero_copies_changes_nothing()
    {
        Assert.Equal(
            TrainingAugmentation.WithRhetoricalCompanions(Sentences, 1, 5),
            TrainingAugmentation.WithRhetoricalCompanions(Sentences, 1, 5));
        Assert.NotEqual(
            TrainingAugmentation.WithRhetoricalCompanions(Sentences, 1, 5),
            TrainingAugmentation.WithRhetoricalCompanions(Sentences, 1, 6));
        Assert.Same(Sentences, TrainingAugmentation.WithRhetoricalCompanions(Sentences, 0, 5));
    }

    [Fact]
    public void Cross_validation_never_trains_on_an_example_it_then_scores()
    {
        var labels = Sentences.Select(s => s.Label).ToArray();
        var scored = new int[labels.Length];
        CrossValidation.Run(labels, 4, 1, train =>
        {
            var seen = train.ToHashSet();
            return i =>
            {
                Assert.DoesNotContain(i, seen);
                scored[i]++;
                return 0.5;
            };
        });
        Assert.All(scored, count => Assert.Equal(1, count));
    }
}
