using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Classification;

/// <summary>
/// Scores one sentence rhetorical versus substantive. Narrow on purpose: a trained model of ours stands behind it
/// today; an ML.NET PredictionEngine could stand behind it tomorrow without the pipeline noticing.
/// Implementations must be safe to call from several threads at once.
/// </summary>
public interface ISentenceClassifier
{
    RhetoricScore Classify(ReadOnlySpan<char> sentence);
}
