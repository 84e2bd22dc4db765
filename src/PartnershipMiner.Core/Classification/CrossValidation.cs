using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Classification;

/// <summary>Pooled out-of-fold metrics, and each sentence's out-of-fold probability in input order.</summary>
public sealed record CrossValidationResult(int Folds, ulong Seed, ClassificationMetrics Metrics, double[] OutOfFoldProbabilities);

/// <summary>Stratified k-fold cross-validation with seeded, reproducible fold assignment.</summary>
public static class CrossValidation
{
    /// <summary>
    /// The fold of each example. Each class is shuffled on its own (rhetorical first) and dealt round-robin, the deal
    /// continuing from one class to the next, so every fold gets the class ratio and the folds differ in size by ≤ 1.
    /// </summary>
    public static int[] StratifiedFolds(IReadOnlyList<RhetoricLabel> labels, int folds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var random = new SeededRandom(seed);
        var assignment = new int[labels.Count];
        var dealt = 0;
        foreach (var label in (RhetoricLabel[])[RhetoricLabel.Rhetorical, RhetoricLabel.Substantive])
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == label).ToArray();
            random.Shuffle(members.AsSpan());
            foreach (var member in members)
            {
                assignment[member] = dealt++ % folds;
            }
        }

        return assignment;
    }

    public static CrossValidationResult Run(
        IReadOnlyList<SparseVector> features,
        IReadOnlyList<RhetoricLabel> labels,
        int dimension,
        LogisticRegressionTrainer trainer,
        int folds,
        ulong seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(trainer);
        var assignment = StratifiedFolds(labels, folds, seed);
        var probabilities = new double[features.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, features.Count).Where(i => assignment[i] != fold).ToArray();
            var fit = trainer.Train(
                [.. train.Select(i => features[i])],
                [.. train.Select(i => labels[i] == RhetoricLabel.Rhetorical)],
                dimension);
            for (var i = 0; i < features.Count; i++)
            {
                if (assignment[i] == fold)
                {
                    probabilities[i] = fit.ProbabilityOf(features[i]);
                }
            }
        }

        var predictions = labels.Select((label, i) => new LabelledPrediction(label, probabilities[i])).ToArray();
        return new CrossValidationResult(folds, seed, ClassificationMetrics.From(predictions), probabilities);
    }
}
