using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Ingestion;

/// <summary>Turns the bytes of one text or HTML input into a document, or into a rejection that says why not.</summary>
internal sealed class DocumentDecoder(HtmlArticleExtractor html)
{
    public SourceItem Decode(string source, InputKind kind, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return new SourceRejection(source, "empty file");
        }

        var declared = kind == InputKind.Html ? HtmlCharset.Sniff(bytes) : null;
        if (!TextDecoder.TryDecode(bytes, declared, out var decoded, out var failure))
        {
            return new SourceRejection(source, failure);
        }

        return kind == InputKind.Html ? FromHtml(source, decoded.Text, null, null) : FromText(source, decoded.Text, null, null);
    }

    /// <summary>Plain text; <paramref name="title"/> and <paramref name="date"/> are whatever the source already knew.</summary>
    public static SourceItem FromText(string source, string text, string? title, DateOnly? date)
    {
        text = TextDecoder.Normalise(text);
        return string.IsNullOrWhiteSpace(text)
            ? new SourceRejection(source, "no text (empty or whitespace only)")
            : new AcceptedDocument(new SourceDocument(source, text, title, date));
    }

    /// <summary>An HTML page; metadata the source already knew wins over what the page says.</summary>
    public SourceItem FromHtml(string source, string page, string? title, DateOnly? date)
    {
        if (!html.TryExtract(page, out var article, out var failure))
        {
            return new SourceRejection(source, failure);
        }

        if (string.IsNullOrWhiteSpace(article.Text))
        {
            return new SourceRejection(source, "no article text found in the HTML");
        }

        return new AcceptedDocument(new SourceDocument(source, article.Text, title ?? article.Title, date ?? article.Date));
    }
}
