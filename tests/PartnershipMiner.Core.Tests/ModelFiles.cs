using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Core.Spotting;

namespace PartnershipMiner.Core.Tests;

/// <summary>
/// The real gazetteer and taxonomy from the repository's <c>models/</c> folder, found by walking up from the test
/// binaries to the folder that holds <c>PartnershipMiner.sln</c>, and parsed once for the whole test run.
/// </summary>
public static class ModelFiles
{
    private static readonly Lazy<string> RepositoryFolder = new(FindRepositoryFolder);
    private static readonly Lazy<string> ModelsFolder = new(() => Path.Combine(RepositoryFolder.Value, "models"));
    private static readonly Lazy<Gazetteer> LoadedGazetteer = new(() => Gazetteer.Parse(Read("gazetteer.v1.json")));
    private static readonly Lazy<TierTaxonomy> LoadedTaxonomy = new(() => TierTaxonomy.Parse(Read("taxonomy.v1.json")));
    private static readonly Lazy<PartnershipExtractor> LoadedExtractor = new(() => new PartnershipExtractor(Gazetteer, Taxonomy));

    private static readonly Lazy<RhetoricModel> LoadedRhetoric = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(ModelsFolder.Value, "rhetoric.v1.model"));
        return RhetoricModel.Load(stream);
    });

    private static readonly Lazy<PartnershipExtractor> LoadedScoringExtractor = new(() => new PartnershipExtractor(Gazetteer, Taxonomy, Rhetoric));

    public static Gazetteer Gazetteer => LoadedGazetteer.Value;

    /// <summary>The committed rhetoric classifier, <c>models/rhetoric.v1.model</c>.</summary>
    public static RhetoricModel Rhetoric => LoadedRhetoric.Value;

    /// <summary>The extractor as the hosts build it: with the rhetoric classifier scoring every record.</summary>
    public static PartnershipExtractor ScoringExtractor => LoadedScoringExtractor.Value;

    public static TierTaxonomy Taxonomy => LoadedTaxonomy.Value;

    /// <summary>One extractor for all tests: it is documented as pure and thread-safe.</summary>
    public static PartnershipExtractor Extractor => LoadedExtractor.Value;

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(ModelsFolder.Value, fileName));

    /// <summary>A path inside the repository (the folder that holds <c>PartnershipMiner.sln</c>).</summary>
    public static string InRepository(params string[] parts) => Path.Combine([RepositoryFolder.Value, .. parts]);

    private static string FindRepositoryFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnershipMiner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} holds PartnershipMiner.sln");
    }
}
