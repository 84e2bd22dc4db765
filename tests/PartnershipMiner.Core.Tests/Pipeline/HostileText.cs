using System.Text;
using System.Text.Json;

namespace PartnershipMiner.Core.Tests.Pipeline;

/// <summary>
/// Seeded generators of text built to break or slow the pipeline: random Unicode (lone and paired surrogates,
/// combining marks, right-to-left script and controls), the gazetteer's own names and the taxonomy's tier and event
/// words in random order, markup fragments, and long runs of one character. The same seed gives the same text.
/// </summary>
internal static class HostileText
{
    private static readonly Lazy<Vocabulary> Words = new(Vocabulary.Load);

    private static readonly string[] Markup =
    [
        "<div>", "</div>", "<p class=\"x\">", "&amp;", "&nbsp;", "<br/>", "<!-- c -->", "<script>var a = '<p>';</script>",
        "\n# ", "\n## ", "\n- ", "\n* ", "\n| a | b |\n|---|---|\n", "\nDate: 2019-05-08\n", "\nSource: ", "\n\n", "\r\n", "\r",
        "\t", "\u00A0", "\u2028", "\u2029", "\u0085", "\f", "\v", "\0", "\uFEFF", "\u200B", "\u00AD", "-\n", "- \n ",
        "\u201Cquoted\u201D", "\u2018", "\u2014", "\u2013", "...", "!?", "(", ")", "[", "]", ";", ":", ",", ".", " . ", "U.S.", "No. 5",
    ];

    private static readonly string[] Glue =
    [
        " and ", " with ", " between ", ", ", " the ", " a ", " in 2019", " since 1996", " by 2030", " today", " did not ", " will ",
        " the two sides ", " bilateral ", " from ", " to ", " of ", " 's ", " as well as ", " or ", " no longer ", " have yet to ",
    ];

    /// <summary>
    /// A document of about <paramref name="length"/> characters: a random mixture of party names, tier phrases, event
    /// words, glue, markup and random code points.
    /// </summary>
    public static string Mixture(Random random, int length)
    {
        var vocabulary = Words.Value;
        var builder = new StringBuilder(length + 64);
        while (builder.Length < length)
        {
            var roll = random.Next(100);
            _ = roll switch
            {
                < 18 => builder.Append(Pick(random, vocabulary.PartyNames)),
                < 30 => builder.Append(Pick(random, vocabulary.TierPhrases)),
                < 40 => builder.Append(Pick(random, vocabulary.EventWords)),
                < 60 => builder.Append(Pick(random, Glue)),
                < 72 => builder.Append(Pick(random, Markup)),
                < 80 => builder.Append(random.Next(2) == 0 ? ". " : ".\n"),
                _ => AppendRandomCodePoints(random, builder, random.Next(1, 12)),
            };
            if (random.Next(4) == 0)
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    /// <summary>One sentence of <paramref name="length"/> characters without a stop: tier words, names and glue.</summary>
    public static string OneSentence(int length, int seed)
    {
        var random = new Random(seed);
        string[] words = ["China", "strategic", "partnership", "Russia", "comprehensive", "and", "with", "upgraded", "2019", ",", "India", "established"];
        var builder = new StringBuilder(length + 16);
        while (builder.Length < length)
        {
            builder.Append(Pick(random, words)).Append(' ');
        }

        return builder.ToString(0, length).TrimEnd() + ".";
    }

    /// <summary>"The strategic partnership between A, B, C, ... was upgraded." with country names up to <paramref name="length"/>.</summary>
    public static string CountryList(int length, int seed)
    {
        var random = new Random(seed);
        var names = Words.Value.CountryNames;
        var builder = new StringBuilder("The strategic partnership between ", length + 64);
        while (builder.Length < length)
        {
            builder.Append(Pick(random, names)).Append(", ");
        }

        return builder.Append("was upgraded in 2019.").ToString();
    }

    /// <summary>Ordinary short statements, each a record, repeated to <paramref name="length"/> characters.</summary>
    public static string Statements(int length, int seed)
    {
        var random = new Random(seed);
        var names = Words.Value.CountryNames;
        var builder = new StringBuilder(length + 128);
        while (builder.Length < length)
        {
            builder.Append(Pick(random, names)).Append(" and ").Append(Pick(random, names))
                .Append(" established a comprehensive strategic partnership in 2019. ");
        }

        return builder.ToString();
    }

    /// <summary><paramref name="unit"/> repeated until the text holds at least <paramref name="length"/> characters.</summary>
    public static string Repeated(string unit, int length)
    {
        var builder = new StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }

    private static StringBuilder AppendRandomCodePoints(Random random, StringBuilder builder, int count)
    {
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(10))
            {
                case 0:
                    builder.Append((char)random.Next(0xD800, 0xE000)); // a lone surrogate, high or low
                    break;
                case 1:
                    builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000))); // a surrogate pair
                    break;
                case 2:
                    builder.Append((char)random.Next(0x0300, 0x0370)); // combining diacritics
                    break;
                case 3:
                    builder.Append((char)random.Next(0x05D0, 0x05EB)); // Hebrew
                    break;
                case 4:
                    builder.Append((char)random.Next(0x0621, 0x064B)); // Arabic
                    break;
                case 5:
                    builder.Append(Pick(random, ["\u200F", "\u200E", "\u202E", "\u202C", "\u2066", "\u2069", "\u200D"])); // direction controls
                    break;
                case 6:
                    builder.Append((char)random.Next(0xFF01, 0xFF5F)); // full-width
                    break;
                case 7:
                    builder.Append((char)random.Next(0xFB00, 0xFB07)); // ligatures
                    break;
                case 8:
                    builder.Append((char)random.Next(0, 0x20)); // C0 controls
                    break;
                default:
                    builder.Append((char)random.Next(0x20, 0xD800)); // anything else in the BMP below the surrogates
                    break;
            }
        }

        return builder;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private sealed record Vocabulary(string[] PartyNames, string[] CountryNames, string[] TierPhrases, string[] EventWords)
    {
        public static Vocabulary Load()
        {
            using var gazetteer = JsonDocument.Parse(ModelFiles.Read("gazetteer.v1.json"));
            var names = new List<string>();
            var countries = new List<string>();
            foreach (var party in gazetteer.RootElement.GetProperty("parties").EnumerateArray())
            {
                names.AddRange(Strings(party, "names"));
                names.AddRange(Strings(party, "demonyms"));
                names.AddRange(Strings(party, "capitals"));
                names.AddRange(Strings(party, "prefixes").Select(p => p + "-"));
                if (party.GetProperty("kind").GetString() == "country")
                {
                    countries.Add(party.GetProperty("name").GetString()!);
                }
            }

            using var taxonomy = JsonDocument.Parse(ModelFiles.Read("taxonomy.v1.json"));
            var tiers = taxonomy.RootElement.GetProperty("tiers").EnumerateArray().SelectMany(t => Strings(t, "variants")).ToArray();
            var events = taxonomy.RootElement.GetProperty("events").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(w => w.GetString()!)).ToArray();
            return new Vocabulary([.. names], [.. countries], [.. tiers, .. tiers.Select(t => t.ToUpperInvariant()), "partnership", "partners"], events);
        }

        private static IEnumerable<string> Strings(JsonElement element, string property) =>
            element.TryGetProperty(property, out var array) ? array.EnumerateArray().Select(e => e.GetString()!) : [];
    }
}
