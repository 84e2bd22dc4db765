using PartnershipMiner.Core.Classification;

namespace PartnershipMiner.Core.Tests.Classification;

public sealed class LbfgsMinimizerTests
{
    private sealed class Rosenbrock : IDifferentiableFunction
    {
        public int Dimension => 2;

        public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
        {
            var (a, b) = (x[0], x[1]);
            gradient[0] = (-2 * (1 - a)) - (400 * a * (b - (a * a)));
            gradient[1] = 200 * (b - (a * a));
            return ((1 - a) * (1 - a)) + (100 * (b - (a * a)) * (b - (a * a)));
        }
    }

    [Fact]
    public void Finds_the_minimum_of_the_Rosenbrock_valley()
    {
        var result = new LbfgsMinimizer(new LbfgsOptions { GradientTolerance = 1e-9, FunctionTolerance = 0 })
            .Minimize(new Rosenbrock(), [-1.2, 1.0]);
        Assert.True(result.Converged, result.StopReason);
        Assert.Equal(1.0, result.Minimum[0], 4);
        Assert.Equal(1.0, result.Minimum[1], 4);
        Assert.True(result.Value < 1e-10);
    }

    [Fact]
    public void Logistic_loss_gradient_matches_central_finite_differences()
    {
        var random = new SeededRandom(11);
        const int dimension = 6;
        var features = new List<SparseVector>();
        var labels = new List<bool>();
        for (var e = 0; e < 20; e++)
        {
            int[] indices = [.. Enumerable.Range(0, dimension).Where(_ => random.NextInt(3) > 0)];
            float[] values = [.. indices.Select(_ => (float)((random.NextInt(2000) - 1000) / 500.0))];
            features.Add(new SparseVector(indices, values));
            labels.Add(random.NextInt(2) == 1);
        }

        var loss = new LogisticLoss(features, labels, dimension, l2: 0.1);
        double[] point = [.. Enumerable.Range(0, loss.Dimension).Select(_ => (random.NextInt(2000) - 1000) / 1000.0)];
        var analytic = new double[loss.Dimension];
        loss.Evaluate(point, analytic);

        const double h = 1e-6;
        var scratch = new double[loss.Dimension];
        for (var j = 0; j < loss.Dimension; j++)
        {
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[j] += h;
            minus[j] -= h;
            var numeric = (loss.Evaluate(plus, scratch) - loss.Evaluate(minus, scratch)) / (2 * h);
            Assert.True(
                Math.Abs(numeric - analytic[j]) <= 1e-6 * Math.Max(1.0, Math.Abs(numeric)),
                $"coordinate {j}: analytic {analytic[j]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Logistic_regression_separates_a_separable_toy_set()
    {
        // Feature 0 present → positive, feature 1 present → negative; feature 2 is noise shared by both.
        var features = new List<SparseVector>();
        var labels = new List<bool>();
        for (var i = 0; i < 40; i++)
        {
            var positive = i % 2 == 0;
            features.Add(new SparseVector([positive ? 0 : 1, 2], [1f, (i % 5) / 5f]));
            labels.Add(positive);
        }

        var fit = new LogisticRegressionTrainer(new LogisticRegressionOptions { L2 = 1e-4 }).Train(features, labels, 3);
        Assert.True(fit.Converged, fit.StopReason);
        for (var i = 0; i < features.Count; i++)
        {
            Assert.Equal(labels[i], fit.ProbabilityOf(features[i]) > 0.5);
        }

        Assert.True(fit.Weights[0] > 1 && fit.Weights[1] < -1, $"weights {fit.Weights[0]}, {fit.Weights[1]}");
    }

    [Fact]
    public void Stronger_regularisation_gives_smaller_weights()
    {
        var features = ToySentences.Generate(60, 5);
        var featurizer = new HashedTextFeaturizer(new FeaturizerSettings { HashBits = 12 });
        var x = features.Select(s => featurizer.Featurize(s.Text)).ToArray();
        bool[] y = [.. features.Select(s => s.Label == PartnershipMiner.Core.Domain.RhetoricLabel.Rhetorical)];
        double Norm(double l2) => new LogisticRegressionTrainer(new LogisticRegressionOptions { L2 = l2 })
            .Train(x, y, featurizer.Dimension).Weights.Sum(w => (double)w * w);
        Assert.True(Norm(1e-1) < Norm(1e-3));
    }
}
