using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Tests.Classification;

/// <summary>
/// A small synthetic set for tests that need a trained model but not a good one: template sentences written for these
/// tests (not taken from any corpus), rhetorical ones without anchors, substantive ones with a figure, a date or a
/// signed instrument.
/// </summary>
internal static class ToySentences
{
    private static readonly string[] Countries =
        ["Atlantis", "Borduria", "Carpania", "Syldavia", "Elbonia", "Freedonia", "Genovia", "Latveria"];

    private static readonly string[] Sectors =
        ["trade", "energy", "education", "agriculture", "tourism", "culture", "health", "infrastructure"];

    private static readonly string[] Months = ["January", "March", "June", "September", "November"];

    private static readonly string[] Rhetorical =
    [
        "{0} and {1} reaffirmed their enduring friendship and mutual trust.",
        "The two sides agreed to deepen cooperation in {2} and related fields.",
        "{0} values its strategic partnership with {1} as a pillar of regional stability.",
        "Both leaders expressed satisfaction with the steady development of bilateral ties.",
        "The ministers called for closer coordination on regional and international issues of common concern.",
        "{0} is ready to work with {1} to push their relations to a new level.",
        "The talks were held in a warm and friendly atmosphere.",
        "They stressed that cooperation in {2} serves the fundamental interests of both peoples.",
    ];

    private static readonly string[] Substantive =
    [
        "{0} and {1} signed an agreement on {2} cooperation on {3} {4}, {5}.",
        "Bilateral trade reached {6} billion dollars last year, up {7} percent.",
        "The two governments signed a memorandum of understanding on {2} worth {6} million euros.",
        "{0} will deliver {7} frigates to {1} under a contract signed in {5}.",
        "{0} imposed sanctions on {7} officials from {1} on {3} {4}.",
        "The leaders adopted a five-year action plan for {2} covering {5} to {8}.",
        "{0} and {1} held a joint naval exercise involving {7} warships in {4} {5}.",
        "The treaty on {2} cooperation was ratified by the parliament of {0} on {3} {4} {5}.",
    ];

    public static IReadOnlyList<LabelledSentence> Generate(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        var sentences = new List<LabelledSentence>(count);
        for (var i = 0; i < count; i++)
        {
            var substantive = i % 2 == 1;
            var templates = substantive ? Substantive : Rhetorical;
            var template = templates[random.NextInt(templates.Length)];
            var first = random.NextInt(Countries.Length);
            var second = (first + 1 + random.NextInt(Countries.Length - 1)) % Countries.Length;
            var year = 1995 + random.NextInt(30);
            var text = string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                template,
                Countries[first],
                Countries[second],
                Sectors[random.NextInt(Sectors.Length)],
                1 + random.NextInt(28),
                Months[random.NextInt(Months.Length)],
                year,
                2 + random.NextInt(400),
                2 + random.NextInt(40),
                year + 5);
            sentences.Add(new LabelledSentence(substantive ? RhetoricLabel.Substantive : RhetoricLabel.Rhetorical, text));
        }

        return sentences;
    }

    /// <summary>Training options small enough for unit tests: 2^14 buckets keep an L-BFGS run well under a second.</summary>
    public static RhetoricTrainingOptions SmallOptions { get; } = new()
    {
        Featurizer = new FeaturizerSettings { HashBits = 14 },
        Trainer = new LogisticRegressionOptions { L2 = 1e-3 },
        Folds = 3,
        Seed = 7,
    };
}
