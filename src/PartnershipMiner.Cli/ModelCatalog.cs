using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Spotting;

namespace PartnershipMiner.Cli;

/// <summary>
/// The data files under <c>models/</c>, found once, the same way by every verb: <c>--models</c> if given, else the first
/// <c>models</c> folder up from the current directory (in a checkout, the repository's own, which <c>train</c> writes),
/// else the one beside the executable (the build copies it there, so an installed tool finds its data).
/// </summary>
internal sealed class ModelCatalog
{
    public const string GazetteerFile = "gazetteer.v1.json";
    public const string TaxonomyFile = "taxonomy.v1.json";
    public const string RhetoricModelFile = "rhetoric.v1.model";

    private ModelCatalog(string directory) => Directory = directory;

    public string Directory { get; }

    public static ModelCatalog Locate(string? explicitDirectory)
    {
        if (explicitDirectory is not null)
        {
            return System.IO.File.Exists(Path.Combine(explicitDirectory, TaxonomyFile))
                ? new ModelCatalog(explicitDirectory)
                : throw new UsageException($"--models {explicitDirectory}: no {TaxonomyFile} there");
        }

        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "models");
                if (System.IO.File.Exists(Path.Combine(candidate, TaxonomyFile)))
                {
                    return new ModelCatalog(candidate);
                }
            }
        }

        throw new UsageException($"cannot find the models folder (with {TaxonomyFile}); pass --models DIR");
    }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public Gazetteer LoadGazetteer() => Load(GazetteerFile, path => Gazetteer.Parse(System.IO.File.ReadAllText(path)));

    public TierTaxonomy LoadTaxonomy() => Load(TaxonomyFile, path => TierTaxonomy.Parse(System.IO.File.ReadAllText(path)));

    /// <summary>The rhetoric classifier, or null when no model file has been trained yet (records then carry no rhetoric).</summary>
    public ISentenceClassifier? LoadClassifier()
    {
        var path = PathOf(RhetoricModelFile);
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        return Load(RhetoricModelFile, file =>
        {
            using var stream = System.IO.File.OpenRead(file);
            return RhetoricModel.Load(stream);
        });
    }

    /// <summary>A model file loaded, or a usage error (exit 2, before any input is read) that names the file and what is wrong with it.</summary>
    private T Load<T>(string file, Func<string, T> load)
    {
        var path = PathOf(file);
        try
        {
            return load(path);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"model file {path} cannot be used: {e.Message}");
        }
    }
}

/// <summary>A problem with how pminer was called (exit code 2), as opposed to a problem with an input (exit code 1).</summary>
internal sealed class UsageException(string message) : Exception(message);
