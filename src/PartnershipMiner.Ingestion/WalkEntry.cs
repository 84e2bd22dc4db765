using System.IO.Enumeration;

namespace PartnershipMiner.Ingestion;

/// <summary>What a folder listing says a child is.</summary>
internal enum WalkEntryKind
{
    File,
    Folder,

    /// <summary>A symbolic link, or an entry the listing could not describe: decided with separate calls.</summary>
    Link,
}

/// <summary>One child of a folder as its listing describes it: the path as found under the root, its kind and length.</summary>
internal readonly record struct WalkEntry(string Path, WalkEntryKind Kind, long Length)
{
    private static readonly EnumerationOptions AllEntries = new()
    {
        // As Directory.GetFileSystemEntries: hidden and system entries too (the walk reports them), errors thrown.
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
    };

    public static List<WalkEntry> Children(string folder) =>
        [.. new FileSystemEnumerable<WalkEntry>(folder, Describe, AllEntries)];

    private static WalkEntry Describe(ref FileSystemEntry entry)
    {
        var path = entry.ToSpecifiedFullPath();
        try
        {
            if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                return new WalkEntry(path, WalkEntryKind.Link, 0);
            }

            return entry.IsDirectory ? new WalkEntry(path, WalkEntryKind.Folder, 0) : new WalkEntry(path, WalkEntryKind.File, entry.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone or unreadable since the folder was read: the careful path finds out which, and says so.
            return new WalkEntry(path, WalkEntryKind.Link, 0);
        }
    }
}
