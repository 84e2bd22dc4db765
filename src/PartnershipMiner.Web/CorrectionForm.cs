using System.Globalization;
using Microsoft.AspNetCore.Http;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web;

/// <summary>
/// The correct form as typed: shown filled with the record's values, read back from a POST, and turned into a
/// <see cref="ReviewDecision"/> only when every field makes sense.
/// </summary>
internal sealed record CorrectionForm(string Parties, string Tier, string Event, string Year, string Comment)
{
    public const int MaxCommentLength = 2000;

    /// <summary>
    /// Why a comment cannot be stored, or null: too long, or holding control characters other than line breaks and
    /// tabs (a NUL is refused by PostgreSQL and kept by SQLite: the stores must not differ).
    /// </summary>
    public static string? CommentProblem(string comment) =>
        comment.Length > MaxCommentLength ? $"The comment is longer than {MaxCommentLength} characters."
        : comment.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? "The comment holds control characters."
        : null;

    public static CorrectionForm Of(PartnershipRecord record) => new(
        string.Join(' ', record.Parties),
        record.Tier,
        record.Event.ToWireName(),
        record.Year?.ToString(CultureInfo.InvariantCulture) ?? "",
        "");

    public static CorrectionForm Read(IFormCollection form) => new(
        form["parties"].ToString(),
        form["tier"].ToString().Trim(),
        form["event"].ToString().Trim(),
        form["year"].ToString().Trim(),
        form["comment"].ToString().Trim());

    /// <summary>
    /// The decision, or null with the reasons in <paramref name="problems"/>. The form shows the record's year, so a year
    /// the reviewer emptied means the record has none.
    /// </summary>
    public ReviewDecision? ToDecision(string recordId, string reviewer, ReviewVocabulary vocabulary, List<string> problems)
    {
        var parties = Parties.Split([' ', ',', ';', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (parties.Count < 2)
        {
            problems.Add("Give at least two parties, as codes separated by spaces (for example CHN RUS).");
        }

        foreach (var party in parties.Where(p => p.Length is < 2 or > 8 || !p.All(char.IsAsciiLetterUpper) || !vocabulary.IsParty(p)))
        {
            problems.Add($"'{party}' is not a known party code.");
        }

        if (Tier.Length == 0 || !vocabulary.IsTier(Tier))
        {
            problems.Add(Tier.Length == 0 ? "Choose a tier." : $"'{Tier}' is not a tier of the taxonomy.");
        }

        var known = Enum.GetValues<PartnershipEvent>().Where(e => e.ToWireName() == Event).ToList();
        if (known.Count == 0)
        {
            problems.Add($"'{Event}' is not an event.");
        }

        int? year = null;
        if (Year.Length > 0)
        {
            if (int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100)
            {
                year = y;
            }
            else
            {
                problems.Add($"'{Year}' is not a year between 1900 and 2100.");
            }
        }

        if (CommentProblem(Comment) is { } commentProblem)
        {
            problems.Add(commentProblem);
        }

        return problems.Count > 0
            ? null
            : new ReviewDecision(
                recordId, ReviewStatus.Corrected, reviewer, Comment.Length == 0 ? null : Comment, parties, Tier, known[0], year, vocabulary.RankOf(Tier),
                ClearYear: year is null);
    }
}
