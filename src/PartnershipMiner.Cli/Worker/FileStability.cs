namespace PartnershipMiner.Cli.Worker;

/// <summary>A file's size and last write time, or null when it is gone.</summary>
internal readonly record struct FileShape(long Length, DateTime LastWriteUtc);

/// <summary>
/// Which tracked inbox files have stopped changing: a file is settled once its size and modification time have stayed
/// the same, as observed here, for the settle time. The modification time alone is no evidence (copy tools preserve
/// an old one), so every file is watched for the settle time after it is first seen.
/// </summary>
internal sealed class FileStability(TimeSpan settle)
{
    private readonly SortedDictionary<string, Observation?> tracked = new(StringComparer.Ordinal);

    public int Count => tracked.Count;

    /// <summary>Starts watching a file; a file already watched keeps its clock.</summary>
    public void Track(string path) => tracked.TryAdd(path, null);

    /// <summary>Stops watching a file (taken, gone, or left for the next rescan).</summary>
    public void Forget(string path) => tracked.Remove(path);

    /// <summary>Restarts a file's clock, e.g. when it is still open for writing.</summary>
    public void Unsettle(string path)
    {
        if (tracked.ContainsKey(path))
        {
            tracked[path] = null;
        }
    }

    /// <summary>
    /// Looks at every tracked file now (<paramref name="probe"/> gives its shape, null when it is gone) and returns the
    /// settled ones in ordinal path order. Files that are gone are forgotten.
    /// </summary>
    public IReadOnlyList<string> Settled(DateTimeOffset now, Func<string, FileShape?> probe)
    {
        var settled = new List<string>();
        foreach (var path in tracked.Keys.ToList())
        {
            if (probe(path) is not { } shape)
            {
                tracked.Remove(path);
                continue;
            }

            var seen = tracked[path];
            if (seen is null || seen.Shape != shape)
            {
                tracked[path] = new Observation(shape, now);
                seen = tracked[path];
            }

            if (now - seen!.Since >= settle)
            {
                settled.Add(path);
            }
        }

        return settled;
    }

    /// <summary>The shape of the file at <paramref name="path"/> now, or null when it is not a file any more.</summary>
    public static FileShape? Probe(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileShape(info.Length, info.LastWriteTimeUtc) : null;
    }

    private sealed record Observation(FileShape Shape, DateTimeOffset Since);
}
