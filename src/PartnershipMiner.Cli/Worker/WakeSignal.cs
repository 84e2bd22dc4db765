using System.Threading.Channels;

namespace PartnershipMiner.Cli.Worker;

/// <summary>
/// A nudge between loops: one side says "there is something new", the other waits for that or a timeout, whichever
/// comes first. Nudges given while nobody waits are kept as one.
/// </summary>
internal sealed class WakeSignal(TimeProvider time)
{
    private readonly Channel<bool> nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => nudges.Writer.TryWrite(true);

    /// <summary>Returns at a nudge or after <paramref name="timeout"/> (measured by the injected clock); throws only when cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            nudges.Reader.TryRead(out _);
            return;
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await nudges.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout: nothing new, look again anyway.
        }
    }
}
