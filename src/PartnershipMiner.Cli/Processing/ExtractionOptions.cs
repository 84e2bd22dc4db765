using System.ComponentModel.DataAnnotations;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Cli.Processing;

/// <summary>Bounds on the text analysis. Bound from the "Extraction" section (PMINER__Extraction__...), validated at start.</summary>
public sealed class ExtractionOptions
{
    public const string Section = "Extraction";

    /// <summary>
    /// The longest unit analysed as one sentence; longer ones are cut into pieces (and the document's log says so), so
    /// that the work stays linear in the length of a document.
    /// </summary>
    [Range(SentenceSegmenter.MinimumMaxSentenceCharacters, 10_000_000)]
    public int MaxSentenceCharacters { get; set; } = SentenceSegmenter.DefaultMaxSentenceCharacters;
}
