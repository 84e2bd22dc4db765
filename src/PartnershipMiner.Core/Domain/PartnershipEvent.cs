namespace PartnershipMiner.Core.Domain;

/// <summary>What the text reports happening to a partnership tier.</summary>
public enum PartnershipEvent
{
    Mentioned,
    Established,
    Upgraded,
    Reaffirmed,
    Downgraded,
    Planned,
}

/// <summary>Where a reviewer has put a record.</summary>
public enum ReviewStatus
{
    Pending,
    Approved,
    Rejected,
    Corrected,
}

/// <summary>The two classes of the rhetoric classifier.</summary>
public enum RhetoricLabel
{
    Rhetorical,
    Substantive,
}

public static class DomainNames
{
    public static string ToWireName(this PartnershipEvent value) => value switch
    {
        PartnershipEvent.Established => "established",
        PartnershipEvent.Upgraded => "upgraded",
        PartnershipEvent.Reaffirmed => "reaffirmed",
        PartnershipEvent.Downgraded => "downgraded",
        PartnershipEvent.Planned => "planned",
        _ => "mentioned",
    };

    public static string ToWireName(this ReviewStatus value) => value switch
    {
        ReviewStatus.Approved => "approved",
        ReviewStatus.Rejected => "rejected",
        ReviewStatus.Corrected => "corrected",
        _ => "pending",
    };

    public static string ToWireName(this RhetoricLabel value) =>
        value == RhetoricLabel.Substantive ? "substantive" : "rhetorical";

    public static bool TryParseEvent(string? text, out PartnershipEvent value) => TryParseWire(text, ToWireName, out value);

    public static bool TryParseStatus(string? text, out ReviewStatus value) => TryParseWire(text, ToWireName, out value);

    public static bool TryParseLabel(string? text, out RhetoricLabel value) => TryParseWire(text, ToWireName, out value);

    /// <summary>
    /// Only a wire name (in any case) reads as a value: Enum.TryParse would also take numbers ("1") and
    /// comma lists ("established, upgraded", which it ORs into another member).
    /// </summary>
    private static bool TryParseWire<T>(string? text, Func<T, string> wireName, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(wireName(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
