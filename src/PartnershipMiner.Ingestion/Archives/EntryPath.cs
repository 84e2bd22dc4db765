using System.Diagnostics.CodeAnalysis;

namespace PartnershipMiner.Ingestion;

/// <summary>
/// Archive entry names checked as if they were to be extracted. Nothing is ever written to disk (entries are streamed),
/// but a name that would escape the target folder marks a hostile or broken archive and is reported.
/// </summary>
internal static class EntryPath
{
    public static bool TryNormalise(string raw, [NotNullWhen(true)] out string? name, [NotNullWhen(false)] out string? failure)
    {
        name = null;
        var path = raw.Replace('\\', '/');
        if (path.StartsWith('/') || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':'))
        {
            failure = $"archive entry escapes the target folder ('{raw}' is an absolute path)";
            return false;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Contains(".."))
        {
            failure = $"archive entry escapes the target folder ('{raw}' contains '..')";
            return false;
        }

        name = string.Join('/', segments.Where(s => s != "."));
        failure = null;
        return true;
    }

    /// <summary>How a reason names an entry: <c>archive.zip!/folder/file.txt</c>.</summary>
    public static string Label(string archive, string entryName) => archive + "!/" + entryName.TrimStart('/', '\\');

    /// <summary>Hidden files and macOS resource forks ("__MACOSX/", "._name") are metadata, not documents.</summary>
    public static bool IsHidden(string name) =>
        name.Split('/').Any(segment => segment.StartsWith('.') || segment == "__MACOSX");
}
