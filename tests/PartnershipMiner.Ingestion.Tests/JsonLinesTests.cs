using static PartnershipMiner.Ingestion.Tests.ArchiveBytes;

namespace PartnershipMiner.Ingestion.Tests;

public sealed class JsonLinesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task BadLinesAreNamedAndGoodLinesComeThrough()
    {
        var path = _folder.File("batch.jsonl", string.Join('\n',
            """{"url":"https://example.org/a","title":"Talks in Hanoi","date":"2023-11-14","text":"The ministers met.\r\nThey agreed."}""",
            """{"url":"https://example.org/b", "text": """,
            """{"text": 42}""",
            "",
            """{"html":"<html><head><title>Visit | Ministry</title><meta name=\"date\" content=\"2020-01-02\"></head><body><p>The president arrived.</p></body></html>"}""",
            """["not", "an", "object"]""",
            """{"title":["a"],"text":"x"}""",
            """{"date":"next Tuesday","text":"Talks."}""",
            """{"url":"https://example.org/c"}""",
            """{"url":null,"title":null,"date":null,"text":"Plain line with nulls."}""") + "\n");

        var items = await new FileTreeSource([path]).ReadAllAsync();

        var first = items.Document("https://example.org/a").Document;
        Assert.Equal(("The ministers met.\nThey agreed.", "Talks in Hanoi", new DateOnly(2023, 11, 14)), (first.Text, first.Title, first.Date));
        var fromHtml = items.Document("batch.jsonl:line 5").Document;
        Assert.Equal(("The president arrived.", "Visit", new DateOnly(2020, 1, 2)), (fromHtml.Text, fromHtml.Title, fromHtml.Date));
        Assert.Equal("Plain line with nulls.", items.Document("batch.jsonl:line 10").Document.Text);

        Assert.StartsWith("not valid JSON", items.Rejection("batch.jsonl:line 2").Reason, StringComparison.Ordinal);
        Assert.Equal("field 'text' must be a string, not a number", items.Rejection("batch.jsonl:line 3").Reason);
        Assert.Equal("not a JSON object (an array)", items.Rejection("batch.jsonl:line 6").Reason);
        Assert.Equal("field 'title' must be a string, not an array", items.Rejection("batch.jsonl:line 7").Reason);
        Assert.Equal("field 'date' is not a date ('next Tuesday')", items.Rejection("batch.jsonl:line 8").Reason);
        Assert.Equal("has neither a 'text' nor an 'html' field", items.Rejection("batch.jsonl:line 9").Reason);
        Assert.Equal(3, items.Documents().Count);
        Assert.Equal(6, items.Rejections().Count);
    }

    [Fact]
    public async Task OverlongLineIsRejectedWithoutStoppingTheBatch()
    {
        var longText = new string('x', 50_000);
        var path = _folder.File("long.jsonl", $"{{\"text\":\"{longText}\"}}\n{{\"text\":\"Short and fine.\"}}\n");

        var items = await new FileTreeSource([path], new IngestionLimits { MaxDocumentBytes = 1000 }).ReadAllAsync();

        Assert.Equal("line longer than the 1,000 bytes limit (48.8 KB)", items.Rejection("long.jsonl:line 1").Reason);
        Assert.Equal("Short and fine.", items.Document("long.jsonl:line 2").Document.Text);
    }

    [Fact]
    public async Task InvalidUtf8InALineIsRejected()
    {
        byte[] bytes = [.. "{\"text\":\"caf"u8, 0xE9, .. "\"}\n{\"text\":\"ok\"}"u8];
        var path = _folder.File("latin.jsonl", bytes);

        var items = await new FileTreeSource([path]).ReadAllAsync();

        Assert.Equal("not valid UTF-8 (JSON lines must be UTF-8)", items.Rejection("latin.jsonl:line 1").Reason);
        Assert.Equal("ok", items.Document("latin.jsonl:line 2").Document.Text);
    }

    [Fact]
    public async Task ALineThatCannotBeTextOrADateIsRejectedAndTheLinesAfterItAreRead()
    {
        var path = _folder.File("odd.jsonl", string.Join('\n',
            """{"text":"An emoji cut in half: \ud83d and the rest."}""",
            """{"text":"Dated in other digits.","date":"2019-\u0660\u0665-08"}""",
            """{"text":"Talks went on.\u0000 The ministers met again."}""",
            """{"text":"Last line, read."}""") + "\n");

        var items = await new FileTreeSource([path]).ReadAllAsync();

        Assert.Equal("field 'text' is not valid text (an unpaired surrogate escape)", items.Rejection("odd.jsonl:line 1").Reason);
        Assert.Equal("field 'date' is not a date ('2019-\u0660\u0665-08')", items.Rejection("odd.jsonl:line 2").Reason);
        Assert.Equal("Talks went on. The ministers met again.", items.Document("odd.jsonl:line 3").Document.Text);
        Assert.Equal("Last line, read.", items.Document("odd.jsonl:line 4").Document.Text);
    }

    [Fact]
    public async Task JsonLinesInsideAnArchive()
    {
        var path = _folder.File("batches.zip", Zip(("day1/batch.jsonl", Text("{\"text\":\"First.\"}\r\n{\"text\":\"Second.\"}\r\n"))));

        var items = await new FileTreeSource([path]).ReadAllAsync();

        Assert.Equal(
            ["batches.zip!/day1/batch.jsonl:line 1", "batches.zip!/day1/batch.jsonl:line 2"],
            items.Documents().Select(d => Path.GetRelativePath(_folder.Path, d.Document.Source)));
    }
}
