using System.Globalization;
using System.Text;

namespace PartnershipMiner.Cli.Tests.Support;

/// <summary>One generated document: a file name and its text.</summary>
internal sealed record GeneratedText(string Name, string Text);

/// <summary>
/// Short, made-up readouts in the style of foreign-ministry press releases, from a small vocabulary written for these
/// tests: some report a partnership tier between two countries, the rest are about talks and trade only. Seeded, so
/// the same seed gives the same documents; every document is unique (it carries its own reference number).
/// </summary>
internal sealed class DiplomaticTexts(int seed)
{
    private static readonly string[] Countries =
    [
        "Vietnam", "Indonesia", "Brazil", "Kenya", "Ghana", "Morocco", "Chile", "Norway", "Egypt", "Peru",
        "Thailand", "Mexico", "Poland", "Nigeria", "Argentina", "Malaysia", "Senegal", "Finland",
    ];

    private static readonly string[] Tiers =
    [
        "strategic partnership", "comprehensive strategic partnership", "global strategic partnership",
        "enhanced strategic partnership", "comprehensive partnership", "friendly partnership",
    ];

    private static readonly string[] Acts =
    [
        "{0} and {1} agreed to establish a {2}.",
        "{0} and {1} decided to upgrade their relations to a {2}.",
        "The leaders of {0} and {1} reaffirmed the {2} between their countries.",
        "{0} and {1} today announced a {2}.",
    ];

    private static readonly string[] Talk =
    [
        "The delegations discussed port investment, vocational training and customs procedures.",
        "Officials signed {0} memoranda on agriculture, water management and digital services.",
        "The ministers agreed to hold the next round of consultations before the end of the year.",
        "Both sides welcomed the growth of bilateral trade to {0} billion dollars last year.",
        "A joint working group on fisheries will report to the foreign ministers within six months.",
        "The visit included meetings with chambers of commerce and university rectors.",
        "The two governments will open direct flights between their capitals next spring.",
    ];

    private static readonly string[] Months =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    private readonly Random random = new(seed);

    /// <summary>
    /// A document that is nothing but partnership sentences between many pairs: slow to analyse (a few hundred
    /// milliseconds for a few thousand sentences), for tests that need the worker busy for a while.
    /// </summary>
    public GeneratedText Dense(string name, int sentences)
    {
        var text = new StringBuilder($"Communiqué {name}\n3 May 2020\n\n");
        for (var i = 0; i < sentences; i++)
        {
            var first = Countries[random.Next(Countries.Length)];
            var second = Countries.Where(c => c != first).ElementAt(random.Next(Countries.Length - 1));
            text.Append(string.Format(CultureInfo.InvariantCulture, Acts[random.Next(Acts.Length)], first, second, Tiers[random.Next(Tiers.Length)])).Append(' ');
        }

        return new GeneratedText(name, text.ToString());
    }

    public List<GeneratedText> Generate(int count, string prefix) => [.. Enumerable.Range(1, count).Select(i => Next($"{prefix}-{i:0000}"))];

    public GeneratedText Next(string name) => Next(name, random.Next(2, 5));

    private GeneratedText Next(string name, int talkSentences)
    {
        var text = new StringBuilder();
        var year = random.Next(2005, 2025);
        text.Append(CultureInfo.InvariantCulture, $"Press release {name}\n");
        text.Append(CultureInfo.InvariantCulture, $"{random.Next(1, 29)} {Months[random.Next(12)]} {year}\n\n");
        var sentences = new List<string>();
        for (var i = talkSentences; i > 0; i--)
        {
            sentences.Add(string.Format(CultureInfo.InvariantCulture, Talk[random.Next(Talk.Length)], random.Next(2, 40)));
        }

        if (random.NextDouble() < 0.6)
        {
            var first = Countries[random.Next(Countries.Length)];
            var second = Countries.Where(c => c != first).ElementAt(random.Next(Countries.Length - 1));
            var act = string.Format(CultureInfo.InvariantCulture, Acts[random.Next(Acts.Length)], first, second, Tiers[random.Next(Tiers.Length)]);
            sentences.Insert(random.Next(sentences.Count + 1), act);
        }

        text.AppendJoin(' ', sentences);
        text.Append(CultureInfo.InvariantCulture, $"\n\nReference {name}-{random.Next(100_000, 999_999)}.\n");
        return new GeneratedText(name, text.ToString());
    }
}
