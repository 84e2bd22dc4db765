using System.Net;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web.Tests;

public sealed class RecordReviewTests : SiteTests
{
    private const string PendingList = "/records?status=pending";

    [Fact]
    public async Task The_record_page_shows_the_record_its_forms_with_tokens_and_an_empty_history()
    {
        var page = await Client.GetAsync(PathOf(Records[0]) + "?back=" + Uri.EscapeDataString("/records?party=CHN"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<mark>{SeedRecords.CoordinationPhrase}</mark>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<abbr>RUS</abbr> Russia", page.Html, StringComparison.Ordinal);
        Assert.Contains("statements/chn-rus.txt, dated 2019-06-05", page.Html, StringComparison.Ordinal);
        Assert.Contains($"""<form class="verdict" method="post" action="{PathOf(Records[0])}/approve">""", page.Html, StringComparison.Ordinal);
        Assert.Contains($"""formaction="{PathOf(Records[0])}/reject" disabled>""", page.Html, StringComparison.Ordinal);
        Assert.Contains($"""<form class="correct" method="post" action="{PathOf(Records[0])}/correct">""", page.Html, StringComparison.Ordinal);
        Assert.Contains("""<input name="parties" value="CHN RUS" required""", page.Html, StringComparison.Ordinal);
        Assert.Contains($"""<option value="{SeedRecords.Coordination}" selected>1 · {SeedRecords.Coordination}</option>""", page.Html, StringComparison.Ordinal);
        Assert.Contains("""<option value="upgraded" selected>upgraded</option>""", page.Html, StringComparison.Ordinal);
        Assert.Contains("""<input type="hidden" name="back" value="/records?party=CHN">""", page.Html, StringComparison.Ordinal);
        Assert.Equal(2, page.Html.Split("""<input type="hidden" name="seen" value="0">""").Length - 1);
        Assert.Equal(3, page.Html.Split("name=\"__token\"").Length - 1);
        Assert.Contains("Enter your name in the Reviewer field", page.Html, StringComparison.Ordinal);
        Assert.Contains("Not reviewed yet.", page.Html, StringComparison.Ordinal);

        await Client.SetReviewerAsync("Alice Reviewer");
        var named = await Client.GetAsync(PathOf(Records[0]));
        Assert.Contains("Deciding as <strong>Alice Reviewer</strong>", named.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(" disabled>", named.Html, StringComparison.Ordinal);
        Assert.Contains("""<input name="reviewer" value="Alice Reviewer" """, named.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_stores_and_logs_the_decision_and_returns_to_the_list_without_the_record()
    {
        await Client.SetReviewerAsync("alice");

        var approved = await Client.PostAsync(PathOf(Records[0]), PathOf(Records[0]) + "/approve", new Dictionary<string, string> { ["back"] = PendingList });

        Assert.Equal(HttpStatusCode.SeeOther, approved.Status);
        Assert.Equal(PendingList, approved.Location);
        Assert.Equal(ReviewStatus.Approved, (await Site.Store.GetRecordAsync(Records[0].Id, None))!.Status);
        var entry = Assert.Single(await Site.Store.GetReviewsAsync(Records[0].Id, None));
        Assert.Equal(("alice", ReviewStatus.Pending, ReviewStatus.Approved, (string?)null), (entry.Reviewer, entry.FromStatus, entry.ToStatus, entry.Comment));
        Assert.DoesNotContain(Records[0].Id, (await Client.GetAsync(PendingList)).Html, StringComparison.Ordinal);
        Assert.Contains(Records[0].Id, (await Client.GetAsync("/records?status=approved")).Html, StringComparison.Ordinal);
        var history = (await Client.GetAsync(PathOf(Records[0]))).Html;
        Assert.Contains("<td>alice</td>", history, StringComparison.Ordinal);
        Assert.Contains("status-pending\">pending</span> → <span class=\"status status-approved\">approved</span>", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejecting_keeps_the_comment_and_without_a_back_path_returns_to_the_record()
    {
        await Client.SetReviewerAsync("bob");

        var rejected = await Client.PostAsync(
            PathOf(Records[1]), PathOf(Records[1]) + "/reject", new Dictionary<string, string> { ["comment"] = "  only a toast at a banquet  " });

        Assert.Equal(HttpStatusCode.SeeOther, rejected.Status);
        Assert.Equal(PathOf(Records[1]), rejected.Location);
        var entry = Assert.Single(await Site.Store.GetReviewsAsync(Records[1].Id, None));
        Assert.Equal(("bob", ReviewStatus.Rejected, "only a toast at a banquet"), (entry.Reviewer, entry.ToStatus, entry.Comment));
        Assert.Contains("<td>only a toast at a banquet</td>", (await Client.GetAsync(PathOf(Records[1]))).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correcting_changes_parties_tier_event_and_year_and_the_history_shows_what_changed()
    {
        await Client.SetReviewerAsync("carol");
        var record = Records[2];

        var corrected = await Client.PostAsync(PathOf(record), PathOf(record) + "/correct", new Dictionary<string, string>
        {
            ["parties"] = "ind, fra  DEU",
            ["tier"] = "global strategic partnership",
            ["event"] = "upgraded",
            ["year"] = "2008",
            ["comment"] = "the 2008 statement",
            ["back"] = PendingList,
        });

        Assert.Equal(HttpStatusCode.SeeOther, corrected.Status);
        Assert.Equal(PathOf(record) + "?back=" + Uri.EscapeDataString(PendingList), corrected.Location);
        var stored = (await Site.Store.GetRecordAsync(record.Id, None))!;
        Assert.Equal(
            (ReviewStatus.Corrected, "DEU FRA IND", "global strategic partnership", PartnershipEvent.Upgraded, (int?)2008),
            (stored.Status, string.Join(' ', stored.Parties), stored.Tier, stored.Event, stored.Year));
        var page = await Client.GetAsync(corrected.Location!);
        Assert.Contains("""<h1><span class="party"><abbr>DEU</abbr> Germany</span>""", page.Html, StringComparison.Ordinal);
        Assert.Contains("""<dd class="tier">global strategic partnership <span class="rank">(rank 4)</span>""", page.Html, StringComparison.Ordinal);
        Assert.Contains("parties: <del>FRA IND</del> → <ins>DEU FRA IND</ins>", page.Html, StringComparison.Ordinal);
        Assert.Contains("tier: <del>strategic partnership</del> → <ins>global strategic partnership</ins>", page.Html, StringComparison.Ordinal);
        Assert.Contains("event: <del>established</del> → <ins>upgraded</ins>", page.Html, StringComparison.Ordinal);
        Assert.Contains("year: <del>1998</del> → <ins>2008</ins>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<td>the 2008 statement</td>", page.Html, StringComparison.Ordinal);
        Assert.Contains(record.Id, (await Client.GetAsync("/records?status=corrected&party=DEU")).Html, StringComparison.Ordinal);

        // The form shows the year; emptying it says the record has none.
        var cleared = await Client.PostAsync(PathOf(record), PathOf(record) + "/correct", new Dictionary<string, string>
        {
            ["parties"] = "DEU FRA IND", ["tier"] = "global strategic partnership", ["event"] = "upgraded", ["year"] = "",
        });
        Assert.Equal(HttpStatusCode.SeeOther, cleared.Status);
        Assert.Null((await Site.Store.GetRecordAsync(record.Id, None))!.Year);
        Assert.Contains("year: <del>2008</del> → <ins>none</ins>", (await Client.GetAsync(PathOf(record))).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_that_makes_no_sense_is_shown_again_with_the_reasons_and_stores_nothing()
    {
        await Client.SetReviewerAsync("carol");
        var record = Records[0];

        var refused = await Client.PostAsync(PathOf(record), PathOf(record) + "/correct", new Dictionary<string, string>
        {
            ["parties"] = "CHN XXQ",
            ["tier"] = "golden partnership",
            ["event"] = "celebrated",
            ["year"] = "19",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("The correction was not saved", refused.Html, StringComparison.Ordinal);
        Assert.Contains("&#x27;XXQ&#x27; is not a known party code.", refused.Html, StringComparison.Ordinal);
        Assert.Contains("&#x27;golden partnership&#x27; is not a tier of the taxonomy.", refused.Html, StringComparison.Ordinal);
        Assert.Contains("&#x27;celebrated&#x27; is not an event.", refused.Html, StringComparison.Ordinal);
        Assert.Contains("&#x27;19&#x27; is not a year between 1900 and 2100.", refused.Html, StringComparison.Ordinal);
        Assert.Contains("""<input name="parties" value="CHN XXQ" required""", refused.Html, StringComparison.Ordinal);
        Assert.Equal(SampleJson(record), SampleJson((await Site.Store.GetRecordAsync(record.Id, None))!));
        Assert.Empty(await Site.Store.GetReviewsAsync(record.Id, None));

        var single = await Client.PostAsync(PathOf(record), PathOf(record) + "/correct", new Dictionary<string, string>
        {
            ["parties"] = "CHN", ["tier"] = SeedRecords.Coordination, ["event"] = "upgraded",
        });
        Assert.Equal(HttpStatusCode.BadRequest, single.Status);
        Assert.Contains("Give at least two parties", single.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_this_sites_token_is_refused_and_changes_nothing()
    {
        await Client.SetReviewerAsync("alice");
        var page = await Client.GetAsync(PathOf(Records[0]));

        var noToken = await Client.PostWithoutTokenAsync(PathOf(Records[0]) + "/approve", new Dictionary<string, string>());
        var forged = await Client.PostWithoutTokenAsync(PathOf(Records[0]) + "/approve", new Dictionary<string, string> { ["__token"] = page.Token + "x" });
        using var stranger = Site.Client();
        var otherBrowser = await stranger.PostWithoutTokenAsync(PathOf(Records[0]) + "/reject", new Dictionary<string, string> { ["__token"] = page.Token });

        Assert.All([noToken, forged, otherBrowser], r => Assert.Equal(HttpStatusCode.BadRequest, r.Status));
        Assert.Contains("The form did not come from this page or has expired", noToken.Html, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Pending, (await Site.Store.GetRecordAsync(Records[0].Id, None))!.Status);
    }

    [Fact]
    public async Task A_decision_without_a_reviewer_name_is_refused()
    {
        var refused = await Client.PostAsync(PathOf(Records[0]), PathOf(Records[0]) + "/approve", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Enter your name in the Reviewer field", refused.Html, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Pending, (await Site.Store.GetRecordAsync(Records[0].Id, None))!.Status);
    }

    [Fact]
    public async Task An_unknown_record_is_404_for_its_page_and_for_every_decision()
    {
        await Client.SetReviewerAsync("alice");

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/records/no-such-record")).Status);
        foreach (var decision in new[] { "approve", "reject", "correct" })
        {
            var response = await Client.PostAsync("/records", $"/records/no-such-record/{decision}", new Dictionary<string, string>
            {
                ["parties"] = "CHN RUS", ["tier"] = "strategic partnership", ["event"] = "established",
            });

            Assert.Equal(HttpStatusCode.NotFound, response.Status);
            Assert.Contains("There is no record with that id.", response.Html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/no/such/page")).Status);
    }

    [Fact]
    public async Task The_reviewer_form_keeps_the_name_in_a_cookie_and_only_sends_the_browser_back_to_this_site()
    {
        var saved = await Client.PostAsync("/", "/reviewer", new Dictionary<string, string> { ["reviewer"] = "  Dana   Q  ", ["back"] = "/records?status=all" });
        var offsite = await Client.PostAsync("/", "/reviewer", new Dictionary<string, string> { ["reviewer"] = "Dana Q", ["back"] = "//elsewhere.example/" });
        var tooLong = await Client.PostAsync("/", "/reviewer", new Dictionary<string, string> { ["reviewer"] = new string('x', 61) });

        Assert.Equal(("/records?status=all", "/"), (saved.Location, offsite.Location));
        Assert.Contains("pminer-reviewer=Dana%20Q", saved.Headers["Set-Cookie"], StringComparison.Ordinal);
        Assert.Contains("samesite=strict", saved.Headers["Set-Cookie"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("""<input name="reviewer" value="Dana Q" """, (await Client.GetAsync("/")).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);

        var cleared = await Client.PostAsync("/", "/reviewer", new Dictionary<string, string> { ["reviewer"] = " " });
        Assert.Equal(HttpStatusCode.SeeOther, cleared.Status);
        Assert.Contains("""<input name="reviewer" value="" """, (await Client.GetAsync("/")).Html, StringComparison.Ordinal);
    }

    private static string SampleJson(PartnershipRecord record) => RecordJson.ToJsonLine(record);

    [Fact]
    public async Task A_decision_taken_on_a_page_older_than_someone_elses_decision_is_refused_and_changes_nothing()
    {
        await Client.SetReviewerAsync("alice");
        var path = PathOf(Records[0]);
        var page = await Client.GetAsync(path);
        Assert.Contains("""<input type="hidden" name="seen" value="0">""", page.Html, StringComparison.Ordinal);

        // Bob corrects the year while Alice's page still shows the record as it was.
        Assert.Equal(ReviewOutcome.Applied, await Site.Store.ReviewAsync(new ReviewDecision(Records[0].Id, ReviewStatus.Corrected, "bob", Year: 2018), None));
        var rejected = await Client.PostWithoutTokenAsync(path + "/reject", new Dictionary<string, string> { ["__token"] = page.Token, ["seen"] = "0" });
        var corrected = await Client.PostWithoutTokenAsync(path + "/correct", new Dictionary<string, string>
        {
            ["__token"] = page.Token, ["seen"] = "0", ["parties"] = "CHN RUS", ["tier"] = SeedRecords.Coordination, ["event"] = "upgraded", ["year"] = "2019",
        });

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (rejected.Status, corrected.Status));

        // A correction shown again for its mistakes still carries the count of the page it was typed on.
        var mistaken = await Client.PostWithoutTokenAsync(path + "/correct", new Dictionary<string, string>
        {
            ["__token"] = page.Token, ["seen"] = "0", ["parties"] = "CHN", ["tier"] = SeedRecords.Coordination, ["event"] = "upgraded",
        });
        Assert.Equal(HttpStatusCode.BadRequest, mistaken.Status);
        Assert.Contains("""<input type="hidden" name="seen" value="0">""", mistaken.Html, StringComparison.Ordinal);
        Assert.Contains("Someone decided on this record after your page showed it", rejected.Html, StringComparison.Ordinal);
        var stored = (await Site.Store.GetRecordAsync(Records[0].Id, None))!;
        Assert.Equal((ReviewStatus.Corrected, (int?)2018), (stored.Status, stored.Year));
        Assert.Single(await Site.Store.GetReviewsAsync(Records[0].Id, None));

        // Seen again, the record can be decided on; a damaged count is refused.
        var fresh = await Client.GetAsync(path);
        Assert.Contains("""<input type="hidden" name="seen" value="1">""", fresh.Html, StringComparison.Ordinal);
        var damaged = await Client.PostWithoutTokenAsync(path + "/approve", new Dictionary<string, string> { ["__token"] = fresh.Token, ["seen"] = "one" });
        Assert.Equal(HttpStatusCode.BadRequest, damaged.Status);
        var approved = await Client.PostWithoutTokenAsync(path + "/approve", new Dictionary<string, string> { ["__token"] = fresh.Token, ["seen"] = "1" });
        Assert.Equal(HttpStatusCode.SeeOther, approved.Status);
        Assert.Equal(ReviewStatus.Approved, (await Site.Store.GetRecordAsync(Records[0].Id, None))!.Status);
    }

    [Fact]
    public async Task A_request_addressed_to_a_name_that_is_not_loopback_is_refused_and_changes_nothing()
    {
        await Client.SetReviewerAsync("alice");
        var page = await Client.GetAsync(PathOf(Records[0]));
        using var http = new HttpClient { BaseAddress = Site.BaseAddress };
        async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, string host)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Host = host;
            if (method == HttpMethod.Post)
            {
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__token"] = page.Token });
            }

            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        var port = Site.BaseAddress.Port;
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(HttpMethod.Get, "/api/records", $"attacker.example:{port}"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(HttpMethod.Get, "/records", $"127.0.0.1.attacker.example:{port}"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(HttpMethod.Post, PathOf(Records[0]) + "/approve", $"attacker.example:{port}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, "/records", $"localhost:{port}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, "/records", $"127.0.0.1:{port}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(HttpMethod.Get, "/records", $"[::1]:{port}"));
        Assert.Equal(ReviewStatus.Pending, (await Site.Store.GetRecordAsync(Records[0].Id, None))!.Status);
    }

    [Fact]
    public async Task A_comment_with_control_characters_is_refused_and_a_non_ascii_back_path_is_sent_encoded()
    {
        await Client.SetReviewerAsync("alice");
        var path = PathOf(Records[0]);

        var bell = await Client.PostAsync(path, path + "/approve", new Dictionary<string, string> { ["comment"] = "see\u0007page" });
        var nul = await Client.PostAsync(path, path + "/reject", new Dictionary<string, string> { ["comment"] = "see\0page" });
        var correction = await Client.PostAsync(path, path + "/correct", new Dictionary<string, string>
        {
            ["parties"] = "CHN RUS", ["tier"] = SeedRecords.Coordination, ["event"] = "upgraded", ["comment"] = "see\u001Bpage",
        });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (bell.Status, nul.Status, correction.Status));
        Assert.Contains("The comment holds control characters.", bell.Html, StringComparison.Ordinal);
        Assert.Contains("The comment holds control characters.", correction.Html, StringComparison.Ordinal);
        Assert.Empty(await Site.Store.GetReviewsAsync(Records[0].Id, None));

        var approved = await Client.PostAsync(path, path + "/approve", new Dictionary<string, string> { ["back"] = "/records?party=é" });
        Assert.Equal(HttpStatusCode.SeeOther, approved.Status);
        Assert.Equal("/records?party=%C3%A9", approved.Location);
        Assert.Equal(ReviewStatus.Approved, (await Site.Store.GetRecordAsync(Records[0].Id, None))!.Status);
    }
}
