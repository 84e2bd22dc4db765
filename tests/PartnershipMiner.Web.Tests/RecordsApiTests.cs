using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web.Tests;

public sealed class RecordsApiTests : SiteTests
{
    [Fact]
    public async Task Records_come_as_a_json_array_in_the_record_contract()
    {
        var response = await Client.GetAsync("/api/records");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.Headers["Content-Type"]);
        var array = JsonNode.Parse(response.Html)!.AsArray();
        Assert.Equal(Records.Count, array.Count);
        for (var i = 0; i < Records.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RecordJson.ToJsonLine(Records[i])), array[i]), $"record {i} differs: {array[i]}");
            Assert.Equal(Records[i].Id, RecordJson.Parse(array[i]!.ToJsonString()).Id);
        }
    }

    [Fact]
    public async Task Status_party_limit_and_offset_select_the_records()
    {
        await Site.Store.ReviewAsync(new ReviewDecision(Records[1].Id, ReviewStatus.Approved, "alice"), None);

        async Task<List<string>> IdsAsync(string query)
        {
            var response = await Client.GetAsync("/api/records" + query);
            Assert.Equal(HttpStatusCode.OK, response.Status);
            using var json = JsonDocument.Parse(response.Html);
            return [.. json.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
        }

        Assert.Equal([Records[1].Id], await IdsAsync("?status=approved"));
        Assert.Equal([Records[0].Id, Records[2].Id], await IdsAsync("?status=pending"));
        Assert.Equal([Records[0].Id, Records[1].Id], await IdsAsync("?party=chn"));
        Assert.Equal([Records[0].Id], await IdsAsync("?status=pending&party=CHN"));
        Assert.Equal([Records[1].Id], await IdsAsync("?status=all&limit=1&offset=1"));
        Assert.Empty(await IdsAsync("?offset=3"));
        Assert.Empty(await IdsAsync("?party=ZZZ"));
    }

    [Theory]
    [InlineData("?status=done", "status must be one of pending, approved, rejected, corrected, all")]
    [InlineData("?status=1", "status must be one of")]
    [InlineData("?limit=0", "limit must be a whole number from 1 to 1000")]
    [InlineData("?limit=1001", "limit must be")]
    [InlineData("?limit=ten", "limit must be")]
    [InlineData("?offset=-1", "offset must be a whole number, 0 or more")]
    public async Task Nonsense_parameters_are_a_400_saying_what_is_wrong(string query, string error)
    {
        var response = await Client.GetAsync("/api/records" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith(error, JsonNode.Parse(response.Html)!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
