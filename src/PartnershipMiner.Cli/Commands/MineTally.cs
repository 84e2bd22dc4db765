using PartnershipMiner.Cli.Processing;
using PartnershipMiner.Core.Domain;
using Spectre.Console;

namespace PartnershipMiner.Cli.Commands;

/// <summary>What a mine run found, for its closing summary.</summary>
internal sealed class MineTally
{
    private readonly SortedDictionary<string, int> byTier = new(StringComparer.Ordinal);

    public int Processed { get; private set; }

    // Documents whose last attempt of this run failed: a document retried within the run is reported once, and not at
    // all if a later attempt succeeded.
    private readonly HashSet<long> failed = [];

    public int Failed => failed.Count;

    /// <summary>The documents this run stored and analysed; a copy of one found later in the same run is not "already stored".</summary>
    public HashSet<long> StoredThisRun { get; } = [];

    public int Sentences { get; private set; }

    public int NewRecords { get; private set; }

    public int StoredRecords { get; private set; }

    public void Add(DocumentOutcome outcome)
    {
        StoredThisRun.Add(outcome.Document.DocumentId);
        if (outcome.Analysis is null)
        {
            failed.Add(outcome.Document.DocumentId);
            return;
        }

        failed.Remove(outcome.Document.DocumentId);
        Processed++;
        Sentences += outcome.Analysis.Sentences;
        foreach (var record in outcome.Analysis.Records)
        {
            NewRecords++;
            byTier[record.Tier] = byTier.GetValueOrDefault(record.Tier) + 1;
        }
    }

    public void AddStored(PartnershipRecord record)
    {
        StoredRecords++;
        byTier[record.Tier] = byTier.GetValueOrDefault(record.Tier) + 1;
    }

    public void Print(IntakeTotals intake)
    {
        var lines = new List<string>
        {
            $"documents: {intake.Queued + intake.AlreadyKnown} read ({intake.Queued} new, {intake.AlreadyKnown} already stored), {intake.Rejected} rejected, {intake.Skipped} skipped, {Failed} failed",
            $"sentences: {Sentences} in new documents",
            $"records:   {NewRecords + StoredRecords} ({NewRecords} new, {StoredRecords} already stored)",
        };
        if (Console.IsOutputRedirected)
        {
            lines.ForEach(Console.WriteLine);
            foreach (var (tier, count) in byTier.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {count,6}  {tier}");
            }

            return;
        }

        lines.ForEach(l => AnsiConsole.WriteLine(l));
        if (byTier.Count > 0)
        {
            var table = new Table().AddColumn("tier").AddColumn(new TableColumn("records").RightAligned());
            foreach (var (tier, count) in byTier.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(tier), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
        }
    }
}
