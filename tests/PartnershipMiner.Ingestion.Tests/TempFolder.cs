using System.Text;

namespace PartnershipMiner.Ingestion.Tests;

/// <summary>A scratch folder under the system temp directory, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pm-ingest-" + Guid.NewGuid().ToString("N"));

    public string File(string relative, byte[] content)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllBytes(full, content);
        return full;
    }

    public string File(string relative, string utf8Text) => File(relative, Encoding.UTF8.GetBytes(utf8Text));

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it would not be.
        }
    }
}

internal static class Items
{
    public static async Task<List<SourceItem>> ReadAllAsync(this IDocumentSource source) => await source.ReadAsync().ToListAsync();

    public static async Task<List<SourceItem>> ReadAllAsync(this IAsyncEnumerable<SourceItem> items) => await items.ToListAsync();

    public static List<AcceptedDocument> Documents(this IEnumerable<SourceItem> items) => [.. items.OfType<AcceptedDocument>()];

    public static List<SourceRejection> Rejections(this IEnumerable<SourceItem> items) => [.. items.OfType<SourceRejection>()];

    public static List<SourceSkip> Skips(this IEnumerable<SourceItem> items) => [.. items.OfType<SourceSkip>()];

    public static AcceptedDocument Document(this IEnumerable<SourceItem> items, string sourceEnding) =>
        Assert.Single(items.Documents(), d => d.Document.Source.EndsWith(sourceEnding, StringComparison.Ordinal));

    public static SourceRejection Rejection(this IEnumerable<SourceItem> items, string inputEnding) =>
        Assert.Single(items.Rejections(), r => r.Input.EndsWith(inputEnding, StringComparison.Ordinal));
}
