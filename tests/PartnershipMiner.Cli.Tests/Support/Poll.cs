namespace PartnershipMiner.Cli.Tests.Support;

/// <summary>Bounded waiting: look again and again until a condition holds, and fail with a description when it never does.</summary>
internal static class Poll
{
    /// <summary>How long a test waits for something that normally takes a second or two: long enough for a loaded machine.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not reached within {timeout.TotalSeconds} s: {describe()}");
            }

            await Task.Delay(interval ?? Interval);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, describe);
}
