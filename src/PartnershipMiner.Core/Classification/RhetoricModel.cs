using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Classification;

public sealed record RhetoricTrainingOptions
{
    public FeaturizerSettings Featurizer { get; init; } = new();

    /// <summary>λ = 1e-5 scored best among 1e-6…1e-3 in 5-fold CV on the training data, plain and padded.</summary>
    public LogisticRegressionOptions Trainer { get; init; } = new() { L2 = 1e-5 };

    public int Folds { get; init; } = 5;

    /// <summary>Seeds the cross-validation folds and the choice of companions for augmentation.</summary>
    public ulong Seed { get; init; } = 20240601;

    /// <summary>
    /// How many extra copies of each sentence, each joined to a different rhetorical companion, to train on; see
    /// <see cref="TrainingAugmentation"/>. 0 trains on the sentences as written.
    /// </summary>
    public int CompanionCopies { get; init; } = 1;
}

/// <summary>How a model came to be: which data, which settings, how the optimiser ended, how well it cross-validated.</summary>
public sealed record TrainingProvenance(
    string TrainingDataSha256,
    int Sentences,
    int Rhetorical,
    int Substantive,
    LogisticRegressionOptions Trainer,
    int Folds,
    ulong Seed,
    int CompanionCopies,
    int Iterations,
    bool Converged,
    string StopReason,
    ClassificationMetrics CrossValidated);

/// <summary>
/// The rhetorical-versus-substantive classifier: hashed text features and a logistic regression over them. Immutable;
/// <see cref="Classify"/> is safe from any number of threads (the featuriser's buffers are per thread).
/// </summary>
public sealed class RhetoricModel : ISentenceClassifier
{
    public const string FormatVersion = "pminer-rhetoric/1";

    private readonly float[] _weights;
    private readonly HashedTextFeaturizer _featurizer;

    public RhetoricModel(FeaturizerSettings featurizer, float[] weights, float bias, TrainingProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(weights);
        _featurizer = new HashedTextFeaturizer(featurizer);
        if (weights.Length != featurizer.Dimension)
        {
            throw new ArgumentException(
                $"{weights.Length} weights for a feature space of {featurizer.Dimension}", nameof(weights));
        }

        _weights = weights;
        Bias = bias;
        Provenance = provenance ?? throw new ArgumentNullException(nameof(provenance));
    }

    public FeaturizerSettings Featurizer => _featurizer.Settings;

    public ReadOnlySpan<float> Weights => _weights;

    public float Bias { get; }

    public TrainingProvenance Provenance { get; }

    /// <summary>The options this model was trained with, to retrain one like it on other data.</summary>
    public RhetoricTrainingOptions TrainingOptions => new()
    {
        Featurizer = Featurizer,
        Trainer = Provenance.Trainer,
        Folds = Provenance.Folds,
        Seed = Provenance.Seed,
        CompanionCopies = Provenance.CompanionCopies,
    };

    public RhetoricScore Classify(ReadOnlySpan<char> sentence) =>
        RhetoricScore.FromProbabilityOfRhetoric(ProbabilityOfRhetoric(sentence));

    public double ProbabilityOfRhetoric(ReadOnlySpan<char> sentence) =>
        Logistic.Sigmoid(_featurizer.Dot(sentence, _weights) + Bias);

    /// <summary>Cross-validates, then fits on every sentence. Same sentences and options → the same bits.</summary>
    public static RhetoricModel Train(IReadOnlyList<LabelledSentence> sentences, RhetoricTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(options);
        var rhetorical = sentences.Count(s => s.Label == RhetoricLabel.Rhetorical);
        if (rhetorical == 0 || rhetorical == sentences.Count)
        {
            throw new ArgumentException("training needs sentences of both classes", nameof(sentences));
        }

        var featurizer = new HashedTextFeaturizer(options.Featurizer);
        var features = sentences.Select(s => featurizer.Featurize(s.Text)).ToArray();

        // Augmentation happens inside each fold, so no held-out sentence is ever seen, even as a companion.
        var crossValidated = CrossValidation.Run(
            [.. sentences.Select(s => s.Label)],
            options.Folds,
            options.Seed,
            train =>
            {
                var fit = Fit([.. train.Select(i => sentences[i])], options);
                return i => fit.ProbabilityOf(features[i]);
            });
        var fit = Fit(sentences, options);
        var provenance = new TrainingProvenance(
            TrainingSet.Sha256Of(sentences),
            sentences.Count,
            rhetorical,
            sentences.Count - rhetorical,
            options.Trainer,
            options.Folds,
            options.Seed,
            options.CompanionCopies,
            fit.Iterations,
            fit.Converged,
            fit.StopReason,
            crossValidated.Metrics);
        return new RhetoricModel(options.Featurizer, fit.Weights, fit.Bias, provenance);
    }

    /// <summary>One fit on <paramref name="sentences"/> (augmented as the options say), without cross-validation.</summary>
    public static LogisticFit Fit(IReadOnlyList<LabelledSentence> sentences, RhetoricTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var featurizer = new HashedTextFeaturizer(options.Featurizer);
        var examples = TrainingAugmentation.WithRhetoricalCompanions(sentences, options.CompanionCopies, options.Seed);
        return new LogisticRegressionTrainer(options.Trainer).Train(
            [.. examples.Select(s => featurizer.Featurize(s.Text))],
            [.. examples.Select(s => s.Label == RhetoricLabel.Rhetorical)],
            featurizer.Dimension);
    }

    public void Save(Stream destination) => RhetoricModelFile.Write(destination, this);

    /// <summary>Reads a model file; one of another format version throws <see cref="InvalidDataException"/>.</summary>
    public static RhetoricModel Load(Stream source) => RhetoricModelFile.Read(source);
}
