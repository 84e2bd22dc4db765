using System.Globalization;

namespace PartnershipMiner.Ingestion;

/// <summary>Thrown inside the archive readers when a limit trips; always turned into a rejection, never surfaced.</summary>
#pragma warning disable CA1032 // Internal control flow only: the standard constructors would never be used.
internal sealed class ExpansionLimitException(string reason) : IOException(reason)
#pragma warning restore CA1032
{
    public string Reason { get; } = reason;
}

/// <summary>
/// The bytes one top-level archive may expand to, shared by everything nested in it. Once spent, it stays spent, so
/// every reader up the nesting stops.
/// </summary>
internal sealed class ExpansionBudget(long limit)
{
    public long Limit { get; } = limit;

    public long Expanded { get; private set; }

    public bool Exhausted { get; private set; }

    public void Spend(int bytes, long compressedSoFar)
    {
        Expanded += bytes;
        if (Expanded > Limit)
        {
            Exhausted = true;
            throw new ExpansionLimitException(
                $"expands past the {ByteSize.Format(Limit)} limit (ratio {ExpansionGuard.Ratio(Expanded, compressedSoFar)}:1)");
        }
    }
}

/// <summary>
/// Watches one decompressed stream: charges the shared budget and checks the ratio of output to the compressed input
/// consumed so far. Small outputs are exempt from the ratio, because a short, repetitive text can legitimately compress
/// very well while costing nothing; a bomb is only dangerous once it is large.
/// </summary>
internal sealed class ExpansionGuard(ExpansionBudget budget, Func<long> compressedSoFar, int maxRatio)
{
    /// <summary>Output below this size is never refused for its ratio.</summary>
    public const long RatioFloorBytes = 1024 * 1024;

    private string? _tripped;

    public long Expanded { get; private set; }

    /// <summary>True once a limit has tripped; the stream watched is then unusable.</summary>
    public bool Tripped => _tripped is not null;

    /// <summary>Wraps a decompressing stream so that every read is charged here.</summary>
    public MeteredStream Watch(Stream decompressed, bool leaveOpen) => new(decompressed, Charge, leaveOpen);

    public static string Ratio(long expanded, long compressed) =>
        (expanded / Math.Max(1, compressed)).ToString("N0", CultureInfo.InvariantCulture);

    private void Charge(int bytes)
    {
        // Once tripped, stay tripped: a reader that swallows one failure must not read on.
        if (_tripped is not null)
        {
            throw new ExpansionLimitException(_tripped);
        }

        Expanded += bytes;
        var compressed = compressedSoFar();
        try
        {
            budget.Spend(bytes, compressed);
        }
        catch (ExpansionLimitException e)
        {
            _tripped = e.Reason;
            throw;
        }

        if (Expanded > RatioFloorBytes && Expanded > maxRatio * Math.Max(1, compressed))
        {
            _tripped = $"expands past the {maxRatio}:1 ratio limit (ratio {Ratio(Expanded, compressed)}:1 after {ByteSize.Format(Expanded)})";
            throw new ExpansionLimitException(_tripped);
        }
    }
}
