using System.Text;
using PartnershipMiner.Core.Tests.Pipeline;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Text;

/// <summary>
/// The normaliser that copies only what changes gives exactly what the plain two-pass <see cref="ReferenceTextNormalizer"/>
/// gives: on every document of the repository, on the hostile generated documents, and on dense random strings of the
/// characters it treats specially.
/// </summary>
public sealed class TextNormalizerEquivalenceTests
{
    /// <summary>
    /// Characters the normaliser looks at twice, weighted by repetition: line ends and hyphens around letters of both
    /// cases (the broken-word rules), every character it folds, and characters it must leave alone.
    /// </summary>
    private static readonly string Alphabet =
        "aaaabbbcxyzAAABBCXé ß" + "    \n\n\n\n\r\r--------" + "\t\v\f\0\u0001\u001F\u007F\u0085\u009F`'\"" +
        "\u00A0\u2000\u2005\u200A\u202F\u205F\u3000\u2028\u2029" + "\uFB00\uFB01\uFB02\uFB03\uFB04\uFB05\uFB06" +
        "\u2018\u2019\u201A\u201B\u2032\u00B4\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB" +
        "\u2010\u2011\u2012\u2013\u2212\uFE63\u2014\u2015" + "\u00AD\u200B\u200C\u200D\u2060\uFEFF" +
        "\uFF01\uFF0D\uFF21\uFF41\uFF40\uFF5E\uFF5F\uFF00" + "\u0301\u0308\uD83D\uDE00\uD800\uDC00\u05D0\u0627\u1EA1";

    [Fact]
    public void Equals_the_reference_on_every_document_of_the_repository()
    {
        var files = Directory.GetFiles(ModelFiles.InRepository("corpus", "docs"))
            .Concat(Directory.GetFiles(ModelFiles.InRepository("seeds")))
            .ToList();
        Assert.True(files.Count > 40, $"only {files.Count} documents found");
        foreach (var file in files)
        {
            var raw = File.ReadAllText(file);
            AssertSame(raw, file);
        }
    }

    [Fact]
    public void Equals_the_reference_on_generated_hostile_documents()
    {
        for (var seed = 1; seed <= 2500; seed++)
        {
            var random = new Random(seed);
            AssertSame(HostileText.Mixture(random, random.Next(0, 3000)), $"seed {seed}");
        }
    }

    [Fact]
    public void Equals_the_reference_on_random_strings_of_the_characters_it_treats_specially()
    {
        var random = new Random(20261122);
        var builder = new StringBuilder();
        for (var n = 0; n < 300_000; n++)
        {
            builder.Clear();
            var length = random.Next(0, 24);
            for (var i = 0; i < length; i++)
            {
                // Now and then any code point of the basic plane, so that nothing outside the alphabet is assumed.
                builder.Append(random.Next(40) == 0 ? (char)random.Next(0, 0x10000) : Alphabet[random.Next(Alphabet.Length)]);
            }

            AssertSame(builder.ToString(), $"string {n}");
        }
    }

    [Fact]
    public void Returns_the_text_itself_when_nothing_changes()
    {
        // A hyphen inside a line and an accented letter are looked at, but stay.
        var text = string.Concat("Vi\u1EC7t Nam and S\u00E3o Tom\u00E9 agreed a long-term plan.\n", "Second line.");
        Assert.Same(text, TextNormalizer.Normalize(text));
    }

    private static void AssertSame(string raw, string what)
    {
        var expected = ReferenceTextNormalizer.Normalize(raw);
        var actual = TextNormalizer.Normalize(raw);
        if (expected != actual)
        {
            var at = expected.AsSpan().CommonPrefixLength(actual);
            Assert.Fail($"{what}: differs at {at} in {Escaped(raw)}: expected {Escaped(expected)}, got {Escaped(actual)}");
        }
    }

    private static string Escaped(string text)
    {
        var shown = text.Length > 200 ? text[..200] + "..." : text;
        var builder = new StringBuilder();
        foreach (var c in shown)
        {
            builder.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return builder.ToString();
    }
}
