namespace PartnershipMiner.Ingestion;

/// <summary>
/// A path with every symbolic link in it resolved, component by component, as the kernel would walk it: a link's own
/// target can still pass through a linked folder ("x.txt -> d/secret.txt" with "d -> ../outside"), which resolving the
/// last component alone misses.
/// </summary>
internal static class RealPath
{
    /// <summary>As many links as Linux follows in one path before it gives up (ELOOP).</summary>
    private const int MaxLinks = 40;

    /// <summary>The real path, or null when links loop or cannot be read.</summary>
    public static string? Of(string path)
    {
        // Not Path.GetFullPath: it folds ".." by the text, before the links are resolved, and "d/../z.txt" with d a link
        // to /outside/deep is /outside/z.txt to the kernel, not ./z.txt.
        var absolute = Path.IsPathRooted(path) ? path : Path.Join(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(absolute)!;
        var pending = new Stack<string>();
        Push(pending, absolute[root.Length..]);
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                // The folder walked so far is real, so its parent is too.
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Join(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // The target is read from the real folder that holds the link; its own components are walked next, ".."
            // among them from the real folders they lead through.
            if (Path.IsPathRooted(target))
            {
                root = Path.GetPathRoot(target)!;
                Push(pending, target[root.Length..]);
                current = root;
            }
            else
            {
                Push(pending, target);
            }
        }

        return Path.TrimEndingDirectorySeparator(current);
    }

    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
