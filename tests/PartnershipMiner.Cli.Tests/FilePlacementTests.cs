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
    public void A_note_is_written_whole_and_replaces_an_earlier_note_of_the_same_name()
    {
        var note = Path.Combine(root, "q", "a.txt.error.txt");
        FilePlacement.WriteNote(note, "first");
        FilePlacement.WriteNote(note, "second");
        Assert.Equal("second", File.ReadAllText(note));
        Assert.Equal(["a.txt.error.txt"], Directory.GetFiles(Path.Combine(root, "q")).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
