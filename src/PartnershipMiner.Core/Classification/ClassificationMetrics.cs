using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Classification;

/// <summary>One scored sentence whose true label is known.</summary>
public readonly record struct LabelledPrediction(RhetoricLabel Actual, double ProbabilityOfRhetoric)
{
    public RhetoricLabel Predicted => RhetoricScore.FromProbabilityOfRhetoric(ProbabilityOfRhetoric).Label;
}

public sealed record ClassMetrics(RhetoricLabel Label, int Support, double Precision, double Recall, double F1);

/// <summary>Rows are the actual class, columns the predicted one.</summary>
public sealed record ConfusionMatrix(
    int RhetoricalAsRhetorical,
    int RhetoricalAsSubstantive,
    int SubstantiveAsRhetorical,
    int SubstantiveAsSubstantive);

/// <summary>
/// Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix, plus calibration: the mean predicted
/// probability of rhetoric next to the observed rate, and the log loss.
/// </summary>
public sealed record ClassificationMetrics(
    int Count,
    double Accuracy,
    ClassMetrics Rhetorical,
    ClassMetrics Substantive,
    double MacroF1,
    ConfusionMatrix Confusion,
    double MeanPredictedRhetoric,
    double ObservedRhetoricRate,
    double LogLoss)
{
    public static ClassificationMetrics From(IReadOnlyCollection<LabelledPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        int rr = 0, rs = 0, sr = 0, ss = 0;
        var predictedSum = 0.0;
        var logLoss = 0.0;
        foreach (var p in predictions)
        {
            var actualRhetorical = p.Actual == RhetoricLabel.Rhetorical;
            var predictedRhetorical = p.Predicted == RhetoricLabel.Rhetorical;
            (rr, rs, sr, ss) = (actualRhetorical, predictedRhetorical) switch
            {
                (true, true) => (rr + 1, rs, sr, ss),
                (true, false) => (rr, rs + 1, sr, ss),
                (false, true) => (rr, rs, sr + 1, ss),
                _ => (rr, rs, sr, ss + 1),
            };
            predictedSum += p.ProbabilityOfRhetoric;
            var probabilityOfActual = actualRhetorical ? p.ProbabilityOfRhetoric : 1.0 - p.ProbabilityOfRhetoric;
            logLoss -= Math.Log(Math.Max(probabilityOfActual, 1e-15));
        }

        var n = predictions.Count;
        var rhetorical = ForClass(RhetoricLabel.Rhetorical, truePositive: rr, falsePositive: sr, falseNegative: rs);
        var substantive = ForClass(RhetoricLabel.Substantive, truePositive: ss, falsePositive: rs, falseNegative: sr);
        return new ClassificationMetrics(
            n,
            Ratio(rr + ss, n),
            rhetorical,
            substantive,
            (rhetorical.F1 + substantive.F1) / 2.0,
            new ConfusionMatrix(rr, rs, sr, ss),
            Ratio(predictedSum, n),
            Ratio(rr + rs, n),
            Ratio(logLoss, n));
    }

    private static ClassMetrics ForClass(RhetoricLabel label, int truePositive, int falsePositive, int falseNegative)
    {
        var precision = Ratio(truePositive, truePositive + falsePositive);
        var recall = Ratio(truePositive, truePositive + falseNegative);
        var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        return new ClassMetrics(label, truePositive + falseNegative, precision, recall, f1);
    }

    /// <summary>An empty denominator reads as 0 rather than NaN, so a degenerate fold still prints and serialises.</summary>
    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : 0.0;
}
