using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Web;

/// <summary>A review status as a query parameter: a wire name ("pending", ...) or "all" for no filter.</summary>
internal static class StatusFilter
{
    public const string All = "all";

    public static IEnumerable<string> Names => Enum.GetValues<ReviewStatus>().Select(s => s.ToWireName()).Append(All);

    /// <summary>False for anything but a wire name or "all"; <paramref name="status"/> is null for "all".</summary>
    public static bool TryParse(string text, out ReviewStatus? status)
    {
        status = null;
        if (text == All)
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<ReviewStatus>())
        {
            if (candidate.ToWireName() == text)
            {
                status = candidate;
                return true;
            }
        }

        return false;
    }

    public static string NameOf(ReviewStatus? status) => status?.ToWireName() ?? All;
}
