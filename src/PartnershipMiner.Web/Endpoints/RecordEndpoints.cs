using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;
using PartnershipMiner.Web.Pages;

namespace PartnershipMiner.Web.Endpoints;

/// <summary>The record list, the record page, and the three decisions a reviewer posts from it.</summary>
internal static class RecordEndpoints
{
    private const string ListPath = "/records";

    public static void Map(IEndpointRouteBuilder site)
    {
        site.MapGet(ListPath, ListAsync);
        site.MapGet("/records/{id}", ShowAsync);
        var decisions = site.MapGroup("/records/{id}").AddEndpointFilter<AntiforgeryCheck>();
        decisions.MapPost("/approve", (HttpContext http, string id, IPartnershipStore store, CancellationToken cancellationToken) =>
            DecideAsync(http, id, ReviewStatus.Approved, store, cancellationToken));
        decisions.MapPost("/reject", (HttpContext http, string id, IPartnershipStore store, CancellationToken cancellationToken) =>
            DecideAsync(http, id, ReviewStatus.Rejected, store, cancellationToken));
        decisions.MapPost("/correct", CorrectAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IPartnershipStore store, CancellationToken cancellationToken)
    {
        var filter = RecordListFilter.From(http.Request.Query);
        var fetched = await store.ReadRecordsAsync(filter.ToQuery(), cancellationToken).ToListAsync(cancellationToken);
        return PageResponse.Html(RecordListPage.Render(PageContext.For(http), filter, fetched));
    }

    private static async Task<IResult> ShowAsync(HttpContext http, string id, IPartnershipStore store, CancellationToken cancellationToken)
    {
        var record = await store.GetRecordAsync(id, cancellationToken);
        if (record is null)
        {
            return PageResponse.NotFound(http);
        }

        var back = LocalPath.OrDefault(http.Request.Query["back"], ListPath);
        var history = await store.GetReviewsAsync(id, cancellationToken);
        return PageResponse.Html(RecordPage.Render(PageContext.For(http), record, history, back, CorrectionForm.Of(record), []));
    }

    private static async Task<IResult> DecideAsync(HttpContext http, string id, ReviewStatus status, IPartnershipStore store, CancellationToken cancellationToken)
    {
        if (ReviewerCookie.Read(http.Request) is not { } reviewer)
        {
            return NoReviewer(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var comment = form["comment"].ToString().Trim();
        if (CorrectionForm.CommentProblem(comment) is { } problem)
        {
            return PageResponse.Message(http, StatusCodes.Status400BadRequest, "Comment refused", problem);
        }

        if (!TryReadSeen(form, out var seen))
        {
            return BadSeen(http);
        }

        var decision = new ReviewDecision(id, status, reviewer, comment.Length == 0 ? null : comment, ReviewsSeen: seen);
        return Outcome(http, id, await store.ReviewAsync(decision, cancellationToken), LocalPath.OrDefault(form["back"], RecordMarkup.Url(id)));
    }

    /// <summary>The decision count the page showed; absent (a client that does not send it) is no check, garbage is refused.</summary>
    private static bool TryReadSeen(IFormCollection form, out int? seen)
    {
        seen = null;
        var text = form[RecordPage.SeenField].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            seen = count;
            return true;
        }

        return false;
    }

    private static IResult BadSeen(HttpContext http) =>
        PageResponse.Message(http, StatusCodes.Status400BadRequest, "Form refused", "The form is damaged. Reload the page and try again.");

    private static IResult Outcome(HttpContext http, string id, ReviewOutcome outcome, string next) => outcome switch
    {
        ReviewOutcome.Applied => PageResponse.SeeOther(http, next),
        ReviewOutcome.Stale => PageResponse.Message(
            http,
            StatusCodes.Status409Conflict,
            "Decided by someone else meanwhile",
            $"Someone decided on this record after your page showed it (perhaps you, in another tab or with a second click); the decision is in its history. Nothing was saved: open the record again ({RecordMarkup.Url(id)}) and decide on what it is now."),
        _ => PageResponse.NotFound(http),
    };

    private static async Task<IResult> CorrectAsync(HttpContext http, string id, IPartnershipStore store, CancellationToken cancellationToken)
    {
        if (ReviewerCookie.Read(http.Request) is not { } reviewer)
        {
            return NoReviewer(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var back = LocalPath.OrDefault(form["back"], ListPath);
        if (!TryReadSeen(form, out var seen))
        {
            return BadSeen(http);
        }

        var correction = CorrectionForm.Read(form);
        var problems = new List<string>();
        var decision = correction.ToDecision(id, reviewer, http.RequestServices.GetRequiredService<ReviewVocabulary>(), problems) is { } valid
            ? valid with { ReviewsSeen = seen }
            : null;
        if (decision is null)
        {
            // Show the form again as typed, with the reasons; nothing is stored.
            var record = await store.GetRecordAsync(id, cancellationToken);
            if (record is null)
            {
                return PageResponse.NotFound(http);
            }

            var history = await store.GetReviewsAsync(id, cancellationToken);
            return PageResponse.Html(RecordPage.Render(PageContext.For(http), record, history, back, correction, problems, seen), StatusCodes.Status400BadRequest);
        }

        return Outcome(http, id, await store.ReviewAsync(decision, cancellationToken), $"{RecordMarkup.Url(id)}?back={Uri.EscapeDataString(back)}");
    }

    private static IResult NoReviewer(HttpContext http) => PageResponse.Message(
        http,
        StatusCodes.Status400BadRequest,
        "Who is reviewing?",
        "Enter your name in the Reviewer field at the top of the page, then decide again.");
}
