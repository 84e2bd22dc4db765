using PartnershipMiner.Cli.Worker;

namespace PartnershipMiner.Cli.Tests;

public sealed class FilePlacementTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "pm-placement-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("a/report.txt", 0, "a/report.txt")]
    [InlineData("a/report.txt", 2, "a/report.2.txt")]
    [InlineData("batch.tar.gz", 1, "batch.1.tar.gz")]
    [InlineData("README", 3, "README.3")]
    public void Numbered_names_keep_the_extension(string path, int number, string expected) =>
        Assert.Equal(expected, FilePlacement.Numbered(path, number));

    [Fact]
    public void A_move_keeps_the_relative_path_and_never_overwrites()
    {
        var inbox = Directory.CreateDirectory(Path.Combine(root, "inbox", "sub")).Parent!.FullName;
        var archive = Path.Combine(root, "archive");
        File.WriteAllText(Path.Combine(inbox, "sub", "x.tar.gz"), "first");
        Assert.Equal(Path.Combine(archive, "sub", "x.tar.gz"), FilePlacement.Move(Path.Combine(inbox, "sub", "x.tar.gz"), archive, Path.Combine("sub", "x.tar.gz")));

        File.WriteAllText(Path.Combine(inbox, "sub", "x.tar.gz"), "second");
        string? noted = null;
        var second = FilePlacement.Move(Path.Combine(inbox, "sub", "x.tar.gz"), archive, Path.Combine("sub", "x.tar.gz"), destination => noted = destination);

        Assert.Equal(Path.Combine(archive, "sub", "x.1.tar.gz"), second);
        Assert.Equal(second, noted);
        Assert.Equal("first", File.ReadAllText(Path.Combine(archive, "sub", "x.tar.gz")));
        Assert.Equal("second", File.ReadAllText(second));
        Assert.False(File.Exists(Path.Combine(inbox, "sub", "x.tar.gz")));
    }

    [Fact]
    public void A_note_is_written_whole_never_over_another_file_and_whatever_the_length_of_the_name()
    {
        var note = Path.Combine(root, "q", "a.txt.error.txt");
        FilePlacement.WriteNote(note, "first");
        Assert.ThrowsAny<IOException>(() => FilePlacement.WriteNote(note, "second"));
        Assert.Equal("first", File.ReadAllText(note));

        // 240 bytes of name: a temporary name made from it would pass the 255-byte limit.
        var longNote = Path.Combine(root, "q", new string('\u4e2d', 75) + ".txt.error.txt");
        FilePlacement.WriteNote(longNote, "long");
        Assert.Equal("long", File.ReadAllText(longNote));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(root, "q")).Length);
    }

    [Fact]
    public void A_move_with_a_note_takes_a_number_when_the_notes_name_is_taken()
    {
        // An input named "b.txt.error.txt" was quarantined earlier; "b.txt" must not get a note over it.
        var quarantine = Directory.CreateDirectory(Path.Combine(root, "quarantine")).FullName;
        File.WriteAllText(Path.Combine(quarantine, "b.txt.error.txt"), "an earlier input");
        var inbox = Directory.CreateDirectory(Path.Combine(root, "inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "b.txt"), "bad input");

        var moved = FilePlacement.Move(
            Path.Combine(inbox, "b.txt"), quarantine, "b.txt", d => FilePlacement.WriteNote(d + FilePlacement.NoteSuffix, "why"), d => d + FilePlacement.NoteSuffix);

        Assert.Equal(Path.Combine(quarantine, "b.1.txt"), moved);
        Assert.Equal("an earlier input", File.ReadAllText(Path.Combine(quarantine, "b.txt.error.txt")));
        Assert.Equal("why", File.ReadAllText(Path.Combine(quarantine, "b.1.txt.error.txt")));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
