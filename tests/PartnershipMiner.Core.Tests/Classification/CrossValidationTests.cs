using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Tests.Classification;

public sealed class CrossValidationTests
{
    private static readonly RhetoricLabel[] Labels =
        [.. Enumerable.Range(0, 103).Select(i => i % 3 == 0 ? RhetoricLabel.Substantive : RhetoricLabel.Rhetorical)];

    [Fact]
    public void Folds_keep_the_class_ratio_and_near_equal_sizes()
    {
        var folds = CrossValidation.StratifiedFolds(Labels, 5, 42);
        for (var f = 0; f < 5; f++)
        {
            var members = Enumerable.Range(0, Labels.Length).Where(i => folds[i] == f).ToArray();
            Assert.InRange(members.Length, 20, 21);
            Assert.InRange(members.Count(i => Labels[i] == RhetoricLabel.Substantive), 6, 8);
        }
    }

    [Fact]
    public void The_seed_alone_decides_the_folds()
    {
        Assert.Equal(CrossValidation.StratifiedFolds(Labels, 5, 42), CrossValidation.StratifiedFolds(Labels, 5, 42));
        Assert.NotEqual(CrossValidation.StratifiedFolds(Labels, 5, 42), CrossValidation.StratifiedFolds(Labels, 5, 43));
    }

    [Fact]
    public void Metrics_follow_from_the_confusion_matrix()
    {
        LabelledPrediction[] predictions =
        [
            new(RhetoricLabel.Rhetorical, 0.9), new(RhetoricLabel.Rhetorical, 0.8), new(RhetoricLabel.Rhetorical, 0.2),
            new(RhetoricLabel.Substantive, 0.1), new(RhetoricLabel.Substantive, 0.6),
        ];
        var m = ClassificationMetrics.From(predictions);
        Assert.Equal(new ConfusionMatrix(2, 1, 1, 1), m.Confusion);
        Assert.Equal(0.6, m.Accuracy, 10);
        Assert.Equal(2.0 / 3, m.Rhetorical.Precision, 10);
        Assert.Equal(2.0 / 3, m.Rhetorical.Recall, 10);
        Assert.Equal(0.5, m.Substantive.F1, 10);
        Assert.Equal(((2.0 / 3) + 0.5) / 2, m.MacroF1, 10);
        Assert.Equal(0.52, m.MeanPredictedRhetoric, 10);
        Assert.Equal(0.6, m.ObservedRhetoricRate, 10);
    }
}
