namespace PartnershipMiner.Ingestion;

/// <summary>What an input is, judged by its name alone (content is checked later).</summary>
internal enum InputKind
{
    Unsupported,
    Text,
    Html,
    Zip,
    TarGz,
    JsonLines,
}

internal static class InputKinds
{
    public static InputKind Of(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.EndsWith(".tar.gz", StringComparison.Ordinal))
        {
            return InputKind.TarGz;
        }

        return Path.GetExtension(lower) switch
        {
            ".txt" or ".md" => InputKind.Text,
            ".html" or ".htm" => InputKind.Html,
            ".zip" => InputKind.Zip,
            ".tgz" => InputKind.TarGz,
            ".jsonl" => InputKind.JsonLines,
            _ => InputKind.Unsupported,
        };
    }

    public static bool IsArchive(this InputKind kind) => kind is InputKind.Zip or InputKind.TarGz;

    public static string UnsupportedReason(string name)
    {
        var extension = Path.GetExtension(name);
        return extension.Length == 0 ? "no file extension (not a supported type)" : $"unsupported extension '{extension}'";
    }
}
