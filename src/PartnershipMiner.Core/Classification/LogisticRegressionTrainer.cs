namespace PartnershipMiner.Core.Classification;

public sealed record LogisticRegressionOptions
{
    /// <summary>λ in (λ/2)·‖w‖² added to the mean log loss; the bias is not penalised.</summary>
    public double L2 { get; init; } = 1e-4;

    public LbfgsOptions Optimiser { get; init; } = new();
}

/// <summary>A trained linear model: P(positive | x) = σ(w·x + b). Weights are dense over the feature space.</summary>
public sealed record LogisticFit(float[] Weights, float Bias, int Iterations, bool Converged, string StopReason, double Loss)
{
    public double ProbabilityOf(SparseVector features) => Logistic.Sigmoid(Logistic.Margin(features, Weights, Bias));
}

public static class Logistic
{
    /// <summary>Overflow-free σ(z) = 1 / (1 + e^−z).</summary>
    public static double Sigmoid(double z)
    {
        if (z >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-z));
        }

        var e = Math.Exp(z);
        return e / (1.0 + e);
    }

    /// <summary>Overflow-free ln(1 + e^t).</summary>
    public static double Softplus(double t) => t > 0 ? t + Math.Log(1.0 + Math.Exp(-t)) : Math.Log(1.0 + Math.Exp(t));

    /// <summary>w·x + b, summed in the vector's own order in double, exactly as the classifier's hot path sums.</summary>
    public static double Margin(SparseVector x, ReadOnlySpan<float> weights, float bias)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Indices.Length; i++)
        {
            sum += weights[x.Indices[i]] * (double)x.Values[i];
        }

        return sum + bias;
    }
}

/// <summary>Binary logistic regression with an L2 penalty, fitted by L-BFGS over the full batch (no sampling, so no seed).</summary>
public sealed class LogisticRegressionTrainer(LogisticRegressionOptions options)
{
    public LogisticRegressionOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public LogisticFit Train(IReadOnlyList<SparseVector> features, IReadOnlyList<bool> positive, int dimension)
    {
        var loss = new LogisticLoss(features, positive, dimension, Options.L2);
        var result = new LbfgsMinimizer(Options.Optimiser).Minimize(loss, new double[loss.Dimension]);
        var weights = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            weights[i] = (float)result.Minimum[i];
        }

        return new LogisticFit(
            weights, (float)result.Minimum[dimension], result.Iterations, result.Converged, result.StopReason, result.Value);
    }
}

/// <summary>
/// Mean log loss plus (λ/2)·‖w‖² over parameters laid out as [w₀ … w_{d−1}, b].
/// Gradient: (1/n)·Σ (σ(zᵢ) − yᵢ)·xᵢ + λ·w, and (1/n)·Σ (σ(zᵢ) − yᵢ) for the bias.
/// </summary>
public sealed class LogisticLoss : IDifferentiableFunction
{
    private readonly IReadOnlyList<SparseVector> _features;
    private readonly IReadOnlyList<bool> _positive;
    private readonly int _weights;
    private readonly double _l2;

    public LogisticLoss(IReadOnlyList<SparseVector> features, IReadOnlyList<bool> positive, int dimension, double l2)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(positive);
        if (features.Count != positive.Count || features.Count == 0)
        {
            throw new ArgumentException(
                $"need one label per example and at least one example ({features.Count} examples, {positive.Count} labels)");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(l2);
        _features = features;
        _positive = positive;
        _weights = dimension;
        _l2 = l2;
    }

    public int Dimension => _weights + 1;

    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient.Clear();
        var w = x[.._weights];
        var total = 0.0;
        var biasGradient = 0.0;
        var scale = 1.0 / _features.Count;
        for (var e = 0; e < _features.Count; e++)
        {
            var example = _features[e];
            var z = x[_weights];
            for (var i = 0; i < example.Indices.Length; i++)
            {
                z += w[example.Indices[i]] * example.Values[i];
            }

            var y = _positive[e] ? 1.0 : 0.0;
            total += Logistic.Softplus(_positive[e] ? -z : z);
            var residual = (Logistic.Sigmoid(z) - y) * scale;
            for (var i = 0; i < example.Indices.Length; i++)
            {
                gradient[example.Indices[i]] += residual * example.Values[i];
            }

            biasGradient += residual;
        }

        var penalty = 0.0;
        for (var j = 0; j < _weights; j++)
        {
            penalty += w[j] * w[j];
            gradient[j] += _l2 * w[j];
        }

        gradient[_weights] = biasGradient;
        return (total * scale) + (0.5 * _l2 * penalty);
    }
}
