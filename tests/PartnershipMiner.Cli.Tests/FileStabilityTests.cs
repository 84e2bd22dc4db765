using PartnershipMiner.Cli.Worker;

namespace PartnershipMiner.Cli.Tests;

public sealed class FileStabilityTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Written = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_file_is_settled_only_after_its_shape_has_stayed_the_same_for_the_settle_time()
    {
        var stability = new FileStability(TimeSpan.FromSeconds(2));
        var shapes = new Dictionary<string, FileShape?> { ["a"] = new FileShape(10, Written) };
        stability.Track("a");

        // An old modification time proves nothing: the file is watched from when it is first seen.
        Assert.Empty(stability.Settled(Start, p => shapes[p]));
        Assert.Empty(stability.Settled(Start.AddSeconds(1.5), p => shapes[p]));

        shapes["a"] = new FileShape(20, Written.AddSeconds(1));
        Assert.Empty(stability.Settled(Start.AddSeconds(2.5), p => shapes[p]));
        Assert.Empty(stability.Settled(Start.AddSeconds(4), p => shapes[p]));
        Assert.Equal(["a"], stability.Settled(Start.AddSeconds(4.5), p => shapes[p]));
    }

    [Fact]
    public void Tracking_again_keeps_the_clock_unsettling_restarts_it_and_vanished_files_are_dropped()
    {
        var stability = new FileStability(TimeSpan.FromSeconds(1));
        var shapes = new Dictionary<string, FileShape?> { ["b"] = new FileShape(5, Written), ["a"] = new FileShape(5, Written), ["gone"] = null };
        foreach (var path in shapes.Keys)
        {
            stability.Track(path);
        }

        Assert.Empty(stability.Settled(Start, p => shapes[p]));
        Assert.Equal(2, stability.Count);
        stability.Track("a");
        Assert.Equal(["a", "b"], stability.Settled(Start.AddSeconds(1), p => shapes[p]));

        stability.Unsettle("a");
        Assert.Equal(["b"], stability.Settled(Start.AddSeconds(1.5), p => shapes[p]));
        Assert.Equal(["a", "b"], stability.Settled(Start.AddSeconds(2.5), p => shapes[p]));

        stability.Forget("b");
        Assert.Equal(1, stability.Count);
    }
}
