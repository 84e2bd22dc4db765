using System.Security.Cryptography;
using System.Text;

namespace PartnershipMiner.Core.Domain;

/// <summary>
/// The identity of a record: one document's content, one set of parties, one tier. Re-running the pipeline on the
/// same content yields the same id, so stores can upsert instead of duplicating.
/// </summary>
public static class RecordKey
{
    public static string For(string contentHash, IReadOnlyList<string> sortedParties, string tier)
    {
        var key = contentHash + "|" + string.Join(',', sortedParties) + "|" + tier;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }
}
