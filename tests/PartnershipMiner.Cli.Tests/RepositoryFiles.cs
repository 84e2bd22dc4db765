namespace PartnershipMiner.Cli.Tests;

/// <summary>Paths in the repository, found by walking up from the test assembly to the solution file.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnershipMiner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PartnershipMiner.sln not found above " + AppContext.BaseDirectory);
    }
}
