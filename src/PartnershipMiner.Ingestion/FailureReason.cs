using System.Text.Json;

namespace PartnershipMiner.Ingestion;

/// <summary>Exceptions from reading turned into the reasons a rejection gives.</summary>
internal static class FailureReason
{
    public static string Of(Exception exception) => exception switch
    {
        ExpansionLimitException limit => limit.Reason,
        EndOfStreamException => "truncated (the data ends early)",
        InvalidDataException e => $"corrupt data ({e.Message})",
        FormatException e => $"corrupt data ({e.Message})",
        JsonException e => $"not valid JSON ({e.Message})",
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "no such file or folder",
        IOException e => $"could not be read ({e.Message})",
        NotSupportedException e => $"unsupported ({e.Message})",
        _ => $"could not be read ({exception.GetType().Name}: {exception.Message})",
    };

    /// <summary>
    /// The items of <paramref name="items"/> until it fails; a failure becomes one last rejection of
    /// <paramref name="input"/>. Cancellation still propagates.
    /// </summary>
    public static async IAsyncEnumerable<SourceItem> Guard(
        IAsyncEnumerable<SourceItem> items,
        string input,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerator = items.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                SourceItem? failure = null;
                var more = false;
                try
                {
                    more = await enumerator.MoveNextAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failure = new SourceRejection(input, Of(e));
                }

                if (failure is not null)
                {
                    yield return failure;
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await DisposeQuietly(enumerator);
        }
    }

    // A reader that already failed may fail again while releasing its streams; the first reason is the one that counts.
    private static async ValueTask DisposeQuietly(IAsyncEnumerator<SourceItem> enumerator)
    {
        try
        {
            await enumerator.DisposeAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
        }
    }
}
