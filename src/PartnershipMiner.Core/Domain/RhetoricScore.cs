namespace PartnershipMiner.Core.Domain;

/// <summary>The classifier's verdict on one sentence. <see cref="Score"/> is the probability that it is rhetorical.</summary>
public readonly record struct RhetoricScore(RhetoricLabel Label, double Score)
{
    public static RhetoricScore FromProbabilityOfRhetoric(double probability) =>
        new(probability >= 0.5 ? RhetoricLabel.Rhetorical : RhetoricLabel.Substantive, probability);
}

/// <summary>
/// How much concrete content stands behind a partnership in one document: of the sentences that discuss the dyad,
/// how many are substantive, and the first few of those as examples.
/// </summary>
public sealed record SubstanceSummary(int Sentences, int Substantive, IReadOnlyList<string> Examples)
{
    public static SubstanceSummary None { get; } = new(0, 0, []);
}
