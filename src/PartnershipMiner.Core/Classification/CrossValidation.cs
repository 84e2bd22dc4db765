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

    /// <summary>
    /// Runs the folds: <paramref name="fit"/> gets the indices of one fold's training examples and returns a scorer
    /// giving P(rhetorical) of any example index; it is asked only about that fold's held-out examples.
    /// </summary>
    public static CrossValidationResult Run(
        IReadOnlyList<RhetoricLabel> labels, int folds, ulong seed, Func<int[], Func<int, double>> fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var assignment = StratifiedFolds(labels, folds, seed);
        var probabilities = new double[labels.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var score = fit([.. Enumerable.Range(0, labels.Count).Where(i => assignment[i] != fold)]);
            for (var i = 0; i < labels.Count; i++)
            {
                if (assignment[i] == fold)
                {
                    probabilities[i] = score(i);
                }
            }
        }

        var predictions = labels.Select((label, i) => new LabelledPrediction(label, probabilities[i])).ToArray();
        return new CrossValidationResult(folds, seed, ClassificationMetrics.From(predictions), probabilities);
    }
}
