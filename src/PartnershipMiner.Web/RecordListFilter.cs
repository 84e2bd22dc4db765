using System.Globalization;
using Microsoft.AspNetCore.Http;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web;

/// <summary>What the record list shows: one review status (pending unless asked otherwise), one party, one page.</summary>
internal sealed record RecordListFilter(ReviewStatus? Status, string? Party, int Offset)
{
    public const int PageSize = 25;

    /// <summary>Reads the query string; a value that makes no sense falls back to the default rather than failing the page.</summary>
    public static RecordListFilter From(IQueryCollection query)
    {
        ReviewStatus? status = ReviewStatus.Pending;
        if (query["status"].ToString() is { Length: > 0 } text && StatusFilter.TryParse(text, out var asked))
        {
            status = asked;
        }

        var party = query["party"].ToString().Trim().ToUpperInvariant();
        var offset = int.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        return new RecordListFilter(status, party.Length == 0 ? null : party, offset);
    }

    /// <summary>One more than a page, so that the page knows whether another follows.</summary>
    public RecordQuery ToQuery() => new(Status, Party, PageSize + 1, Offset);

    public string UrlAt(int offset)
    {
        var url = "/records?status=" + StatusFilter.NameOf(Status);
        if (Party is not null)
        {
            url += "&party=" + Uri.EscapeDataString(Party);
        }

        return offset > 0 ? url + "&offset=" + offset.ToString(CultureInfo.InvariantCulture) : url;
    }

    public string Url => UrlAt(Offset);
}
