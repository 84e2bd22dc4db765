using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;

namespace PartnershipMiner.Ingestion;

/// <summary>
/// Batches of documents, one JSON object a line: <c>{"url", "title", "date", "text" | "html"}</c>. Only one of text
/// and html is needed; when both are given, text wins (it is what the producer chose to send as the document). The
/// document's source is its url, or <c>file.jsonl:line N</c> when it has none. A bad line is rejected as
/// <c>file.jsonl:line N</c> with the reason and the following lines are still read.
/// </summary>
internal sealed class JsonLinesReader(DocumentDecoder decoder, long maxLineBytes)
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public async IAsyncEnumerable<SourceItem> ReadAsync(string label, Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lines = new BoundedLineReader(stream, maxLineBytes);
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            var input = $"{label}:line {line.Number}";
            if (line.TooLong)
            {
                yield return new SourceRejection(input, $"line longer than the {ByteSize.Format(maxLineBytes)} limit ({ByteSize.Format(line.Length)})");
                continue;
            }

            var bytes = line.Bytes;
            if (line.Number == 1 && bytes.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                bytes = bytes[3..];
            }

            if (bytes.Span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            yield return Parse(input, bytes);
        }
    }

    private SourceItem Parse(string input, ReadOnlyMemory<byte> json)
    {
        // JSON is UTF-8; the parser only notices bad bytes inside strings when they are read, and then throws.
        if (!Utf8.IsValid(json.Span))
        {
            return new SourceRejection(input, "not valid UTF-8 (JSON lines must be UTF-8)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            return new SourceRejection(input, $"not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new SourceRejection(input, $"not a JSON object ({WithArticle(KindName(root.ValueKind))})");
            }

            if (!TryString(root, "url", out var url, out var failure)
                || !TryString(root, "title", out var title, out failure)
                || !TryString(root, "date", out var dateText, out failure)
                || !TryString(root, "text", out var text, out failure)
                || !TryString(root, "html", out var html, out failure))
            {
                return new SourceRejection(input, failure);
            }

            DateOnly? date = null;
            if (!string.IsNullOrWhiteSpace(dateText))
            {
                date = DateText.ParseMachine(dateText);
                if (date is null)
                {
                    return new SourceRejection(input, $"field 'date' is not a date ('{Shorten(dateText)}')");
                }
            }

            // NULs go from the text (TextDecoder.Normalise) and from these too: PostgreSQL refuses them in any text column.
            var source = string.IsNullOrWhiteSpace(url) ? input : TextDecoder.WithoutNul(url.Trim());
            title = string.IsNullOrWhiteSpace(title) ? null : TextDecoder.WithoutNul(title.Trim());
            if (text is not null)
            {
                return DocumentDecoder.FromText(source, text, title, date);
            }

            if (html is not null)
            {
                return decoder.FromHtml(source, html, title, date);
            }

            return new SourceRejection(input, "has neither a 'text' nor an 'html' field");
        }
    }

    /// <summary>An optional string field: absent and null are fine, any other type is an error that names it.</summary>
    private static bool TryString(JsonElement root, string name, out string? value, [NotNullWhen(false)] out string? failure)
    {
        value = null;
        failure = null;
        if (!root.TryGetProperty(name, out var field) || field.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (field.ValueKind != JsonValueKind.String)
        {
            failure = $"field '{name}' must be a string, not {WithArticle(KindName(field.ValueKind))}";
            return false;
        }

        try
        {
            value = field.GetString();
        }
        catch (InvalidOperationException)
        {
            // A "\ud800" escape alone: valid JSON, but no text (a cut emoji, most often).
            failure = $"field '{name}' is not valid text (an unpaired surrogate escape)";
            return false;
        }

        return true;
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string WithArticle(string kind) => (kind[0] is 'a' or 'o' or 'u' ? "an " : "a ") + kind;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
