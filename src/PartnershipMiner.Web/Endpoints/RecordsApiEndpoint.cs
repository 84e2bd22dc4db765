using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web.Endpoints;

/// <summary>
/// GET /api/records?status=&amp;party=&amp;limit=&amp;offset=: a JSON array of records in the record contract
/// (<see cref="RecordJson"/>), streamed from the store. status defaults to all, limit to 100 (at most 1000).
/// </summary>
internal static class RecordsApiEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder site) => site.MapGet("/api/records", GetAsync);

    private static async Task<IResult> GetAsync(HttpContext http, IPartnershipStore store, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        ReviewStatus? status = null;
        if (query["status"].ToString() is { Length: > 0 } text && !StatusFilter.TryParse(text, out status))
        {
            return Refuse($"status must be one of {string.Join(", ", StatusFilter.Names)}");
        }

        if (!TryReadCount(query["limit"], DefaultLimit, out var limit) || limit is < 1 or > MaxLimit)
        {
            return Refuse($"limit must be a whole number from 1 to {MaxLimit}");
        }

        if (!TryReadCount(query["offset"], 0, out var offset))
        {
            return Refuse("offset must be a whole number, 0 or more");
        }

        var party = query["party"].ToString().Trim().ToUpperInvariant();
        var records = store.ReadRecordsAsync(new RecordQuery(status, party.Length == 0 ? null : party, limit, offset), cancellationToken);

        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartArray();
        await foreach (var record in records)
        {
            RecordJson.Write(json, record);
            if (json.BytesPending > 32 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return Results.Empty;
    }

    private static bool TryReadCount(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static IResult Refuse(string error) => Results.Json(new Dictionary<string, string> { ["error"] = error }, statusCode: StatusCodes.Status400BadRequest);
}
