using System.Text;

namespace PartnershipMiner.Cli.Worker;

/// <summary>
/// Moves inbox files into the archive or quarantine folder under the same relative path, never over an existing file:
/// on a clash the name gets a number before its extension (<c>report.1.txt</c>, <c>batch.2.tar.gz</c>). Nothing is
/// deleted or overwritten.
/// </summary>
internal static class FilePlacement
{
    public const string NoteSuffix = ".error.txt";

    private const int MaxNumberedNames = 100_000;

    /// <summary>
    /// Moves <paramref name="source"/> to <paramref name="root"/>/<paramref name="relative"/> or the first free
    /// numbered name beside it and returns where it went. <paramref name="beforeMove"/> runs with the chosen path just
    /// before the move (the quarantine writes its note there first, so a crash never leaves a file without its note);
    /// <paramref name="noteFor"/> names the note that path would get, which must be free too: a note is never written
    /// over another file's note, nor over a quarantined file that happens to bear a note's name.
    /// </summary>
    public static string Move(string source, string root, string relative, Action<string>? beforeMove = null, Func<string, string>? noteFor = null)
    {
        var wanted = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(wanted)!);
        for (var number = 0; number < MaxNumberedNames; number++)
        {
            var destination = Numbered(wanted, number);
            if (Taken(destination) || (noteFor is not null && Taken(noteFor(destination))))
            {
                continue;
            }

            beforeMove?.Invoke(destination);
            try
            {
                File.Move(source, destination, overwrite: false);
                return destination;
            }
            catch (IOException) when (File.Exists(destination) && File.Exists(source))
            {
                // Taken between the check and the move: try the next name.
            }
        }

        throw new IOException($"no free name for {relative} in {root}");
    }

    /// <summary>
    /// Writes a note whole or not at all: written aside under a short hidden name (a name derived from a long file name
    /// could pass the file system's 255-byte limit), then renamed to a path <see cref="Move"/> found free.
    /// </summary>
    public static void WriteNote(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = Path.Combine(Path.GetDirectoryName(path)!, $".note-{Guid.NewGuid():N}.partial");
        try
        {
            File.WriteAllText(partial, text, new UTF8Encoding(false));
            File.Move(partial, path, overwrite: false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static bool Taken(string path) => File.Exists(path) || Directory.Exists(path);

    /// <summary><c>name.ext</c> for 0, else <c>name.N.ext</c>; <c>.tar.gz</c> counts as one extension.</summary>
    public static string Numbered(string path, int number)
    {
        if (number == 0)
        {
            return path;
        }

        var directory = Path.GetDirectoryName(path) ?? "";
        var name = Path.GetFileName(path);
        var extension = name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) ? name[^7..] : Path.GetExtension(name);
        var stem = name[..^extension.Length];
        return Path.Combine(directory, $"{stem}.{number}{extension}");
    }
}
