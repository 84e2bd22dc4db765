using System.Security.Cryptography;
using System.Text;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Classification;

public sealed record LabelledSentence(RhetoricLabel Label, string Text);

/// <summary>
/// The training-data format: UTF-8 TSV, header line <c>label\ttext</c>, then one <c>rhetorical|substantive\tsentence</c>
/// a line. Blank lines are allowed; anything else malformed is an error naming the source and line, because a silently
/// dropped line would change the model without anyone noticing.
/// </summary>
public static class TrainingSet
{
    public const string Header = "label\ttext";

    public static IReadOnlyList<LabelledSentence> Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var sentences = new List<LabelledSentence>();
        var lineNumber = 0;
        var sawHeader = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!sawHeader)
            {
                if (line.TrimEnd() != Header)
                {
                    throw Error(sourceName, lineNumber, $"expected the header \"label<TAB>text\", found \"{Clip(line)}\"");
                }

                sawHeader = true;
                continue;
            }

            sentences.Add(ParseLine(line, sourceName, lineNumber));
        }

        if (!sawHeader)
        {
            throw new InvalidDataException($"{sourceName}: empty; expected the header \"label<TAB>text\"");
        }

        return sentences;
    }

    /// <summary>
    /// SHA-256 (lower-case hex) of the sentences as the model saw them: UTF-8 of "label\ttext\n" for each, in order. It
    /// ignores how the data was split into files, line endings and blank lines, and changes with any label or text.
    /// </summary>
    public static string Sha256Of(IEnumerable<LabelledSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var sentence in sentences)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{sentence.Label.ToWireName()}\t{sentence.Text}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static LabelledSentence ParseLine(string line, string sourceName, int lineNumber)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab < 0)
        {
            throw Error(sourceName, lineNumber, $"no tab between label and text in \"{Clip(line)}\"");
        }

        var label = line[..tab].Trim();
        var text = line[(tab + 1)..].Trim();
        RhetoricLabel parsed;
        if (label.Equals("rhetorical", StringComparison.OrdinalIgnoreCase))
        {
            parsed = RhetoricLabel.Rhetorical;
        }
        else if (label.Equals("substantive", StringComparison.OrdinalIgnoreCase))
        {
            parsed = RhetoricLabel.Substantive;
        }
        else
        {
            throw Error(sourceName, lineNumber, $"label \"{Clip(label)}\" is neither \"rhetorical\" nor \"substantive\"");
        }

        if (text.Length == 0)
        {
            throw Error(sourceName, lineNumber, "the text is empty");
        }

        if (text.Contains('\t', StringComparison.Ordinal))
        {
            throw Error(sourceName, lineNumber, "the text contains a tab; only one tab may separate label and text");
        }

        return new LabelledSentence(parsed, text);
    }

    private static InvalidDataException Error(string sourceName, int lineNumber, string message) =>
        new($"{sourceName}:{lineNumber}: {message}");

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
