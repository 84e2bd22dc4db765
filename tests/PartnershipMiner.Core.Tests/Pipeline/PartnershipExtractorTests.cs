using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Pipeline;

public class PartnershipExtractorTests
{
    private static DocumentAnalysis Extract(string raw, string source = "news/doc.txt") =>
        ModelFiles.Extractor.Extract(new SourceDocument(source, raw));

    /// <summary>A record as "parties | tier | phrase | event | year", the year "-" when unknown.</summary>
    private static string Describe(PartnershipRecord r) =>
        $"{string.Join(' ', r.Parties)} | {r.Tier} | {r.Phrase} | {r.Event.ToWireName()} | {r.Year?.ToString() ?? "-"}";

    private static string[] Described(string raw) => [.. Extract(raw).Records.Select(Describe)];

    /// <summary>The records' parties, "A B|C D", in record order.</summary>
    private static string PartiesOf(string raw) => string.Join('|', Extract(raw).Records.Select(r => string.Join(' ', r.Parties)));

    [Theory]
    [InlineData("Armenia, Azerbaijan and Turkey are SCO dialogue partners.", "ARM SCO|AZE SCO|SCO TUR")]
    [InlineData("Egypt & Jordan are SCO dialogue partners.", "EGY SCO|JOR SCO")]
    [InlineData("Turkey is an SCO dialogue partner.", "")]
    [InlineData("Turkey, chicken and Egypt are SCO dialogue partners.", "EGY SCO")]
    public void An_ambiguous_name_counts_in_a_list_with_a_party_named_plainly(string sentence, string expected)
    {
        Assert.Equal(expected, PartiesOf($"Date: 2023-05-01\n\nSummit of the SCO\n\n{sentence}"));
    }

    [Theory]
    [InlineData("Iran is among its observers, whereas Armenia, Azerbaijan and Nepal are its dialogue partners.", "ARM SCO|AZE SCO|NPL SCO")]
    [InlineData("Armenia and Nepal are its dialogue partners, while Iran and Belarus are its observers.", "ARM SCO|NPL SCO")]
    [InlineData("Cambodia has been a dialogue partner since 2015, Nepal since 2016 and Armenia since 2017.", "KHM SCO|NPL SCO|ARM SCO")]
    public void A_status_the_organisation_grants_goes_to_the_parties_of_its_own_clause(string sentence, string expected)
    {
        const string Opening = "Date: 2023-05-01\n\nThe Shanghai Cooperation Organisation meets in Goa\n\nThe Shanghai Cooperation Organisation (SCO) held its summit in Goa.";
        Assert.Equal(expected, PartiesOf($"{Opening} {sentence}"));
    }

    [Theory]
    [InlineData("Date: 2019-\u0660\u0665-\u0660\u0668")]
    [InlineData("On \u096E May 2019 the ministers met.")]
    [InlineData("Dated 8 May 19\u0662\u0660.")]
    public void A_date_written_in_other_digits_is_no_date_and_no_failure(string dateLine)
    {
        var analysis = Extract($"{dateLine}\n\nChina and India established a strategic partnership.");

        var record = Assert.Single(analysis.Records);
        Assert.Null(record.DocumentDate);
        Assert.Equal(["CHN", "IND"], record.Parties);
    }

    [Fact]
    public void An_act_dated_by_a_decade_is_not_given_the_documents_year()
    {
        var raw = "Date: 2023-05-01\n\nASEAN at 56\n\nAustralia and Japan became ASEAN dialogue partners in the 1970s. Canada became an ASEAN dialogue partner on Tuesday.";

        Assert.Equal(
            ["ASEAN AUS | dialogue partner | dialogue partners | established | -", "ASEAN JPN | dialogue partner | dialogue partners | established | -",
             "ASEAN CAN | dialogue partner | dialogue partner | established | 2023"],
            Described(raw));
    }

    [Fact]
    public void A_headline_tier_whose_words_the_body_tier_of_the_pair_holds_is_its_shorthand()
    {
        const string raw = """
            Date: 2012-04-11

            Ghana, Brazil reach agreement on "strategic partnership"

            ACCRA, April 11 -- Ghana and Brazil on Wednesday established a strategic and cooperative partnership for shared development, the two foreign ministers said.
            """;

        var record = Assert.Single(Extract(raw).Records);
        Assert.Equal(["BRA", "GHA"], record.Parties);
        Assert.Equal("strategic cooperative partnership", record.Tier);
        Assert.StartsWith("ACCRA, April 11 -- Ghana and Brazil", record.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ghana, Brazil lift ties to comprehensive strategic partnership", "Ghana and Brazil had a strategic partnership since 2005.")]
    [InlineData("Ghana, Brazil sign strategic partnership", "Ghana and Kenya established a strategic and cooperative partnership.")]
    [InlineData("Ghana, Brazil upgrade ties to strategic partnership", "Ghana and Brazil are working towards a comprehensive strategic partnership.")]
    public void A_headline_tier_stays_when_the_body_does_not_name_a_longer_tier_for_the_same_pair(string headline, string body)
    {
        var raw = $"Date: 2012-04-11\n\n{headline}\n\n{body}";

        Assert.Contains(Extract(raw).Records, r => r.Parties.SequenceEqual(["BRA", "GHA"]) && r.Evidence == headline);
    }

    [Fact]
    public void Extracts_a_full_record_from_a_news_item()
    {
        const string raw = """
            Source: Vietnam News Agency
            Date: 2023-12-18

            Vietnam, China agree to lift ties

            HANOI, Dec. 18 (VNA) -- Vietnam and China agreed on Monday to upgrade their relations to a Comprehensive Strategic Partnership for a new era. The two sides also signed 36 cooperation documents.
            """;
        var analysis = Extract(raw, "vna/2023-12-18.txt");

        var record = Assert.Single(analysis.Records);
        const string sentence = "HANOI, Dec. 18 (VNA) -- Vietnam and China agreed on Monday to upgrade their relations to a Comprehensive Strategic Partnership for a new era.";
        var text = TextNormalizer.Normalize(raw);
        var hash = SourceDocument.HashOf(raw);
        Assert.Equal(RecordKey.For(hash, ["CHN", "VNM"], "comprehensive strategic partnership"), record.Id);
        Assert.Equal("vna/2023-12-18.txt", record.Document);
        Assert.Equal(hash, record.ContentHash);
        Assert.Equal(new DateOnly(2023, 12, 18), record.DocumentDate);
        Assert.Equal(["CHN", "VNM"], record.Parties);
        Assert.Equal("comprehensive strategic partnership", record.Tier);
        Assert.Equal("Comprehensive Strategic Partnership for a new era", record.Phrase);
        Assert.Equal(3, record.TierRank);
        Assert.Equal(PartnershipEvent.Upgraded, record.Event);
        Assert.Equal(2023, record.Year);
        Assert.Equal(sentence, record.Evidence);
        Assert.Equal(new TextSpan(text.IndexOf("HANOI", StringComparison.Ordinal), text.IndexOf("era.", StringComparison.Ordinal) + 4), record.EvidenceSpan);
        Assert.Equal(sentence, record.EvidenceSpan.Slice(text).ToString());
        Assert.InRange(record.Confidence, 0.5, 1.0);
        Assert.Equal(ReviewStatus.Pending, record.Status);
        Assert.Null(record.Rhetoric);
        Assert.Null(record.Substance);
    }

    [Fact]
    public void Describes_the_document_it_read()
    {
        const string raw = "Source: Xinhua\nDate: 2024-05-16\n\nChina, Russia deepen ties\n\nBEIJING -- The two presidents met. They reaffirmed the comprehensive strategic partnership of coordination.";
        var analysis = Extract(raw, "xinhua/1.txt");

        Assert.Equal("xinhua/1.txt", analysis.Source);
        Assert.Equal(SourceDocument.HashOf(raw), analysis.ContentHash);
        Assert.Equal(new DateOnly(2024, 5, 16), analysis.Date);
        Assert.Equal("China, Russia deepen ties", analysis.Title);
        Assert.Equal(3, analysis.Sentences);
        Assert.Equal(["CHN RUS | comprehensive strategic partnership of coordination | comprehensive strategic partnership of coordination | reaffirmed | 2024"], analysis.Records.Select(Describe));
    }

    [Theory]
    [InlineData("Kenya, Germany forge ties\n\nKenya and Germany established a strategic partnership in 2021.",
        "DEU KEN | strategic partnership | strategic partnership | established | 2021")]
    [InlineData("Date: 2023-07-05\n\nSCO admits new partners\n\nThe SCO granted Egypt and Qatar dialogue partner status on Tuesday.",
        "EGY SCO | dialogue partner | dialogue partner | established | 2023\nQAT SCO | dialogue partner | dialogue partner | established | 2023")]
    [InlineData("Date: 2019-04-10\n\nThe Kremlin hosts Beijing\n\nThe Sino-Russian comprehensive strategic partnership of coordination was formed in 1996, officials recalled.",
        "CHN RUS | comprehensive strategic partnership of coordination | comprehensive strategic partnership of coordination | established | 1996")]
    [InlineData("Date: 2023-09-11\n\nVietnam, US upgrade ties\n\nVietnam and the United States upgraded their ties to a comprehensive strategic partnership, skipping the 'strategic partnership' phase.",
        "USA VNM | comprehensive strategic partnership | comprehensive strategic partnership | upgraded | 2023")]
    [InlineData("Date: 2024-03-08\n\nIndonesia, Australia lift ties\n\nThe two sides elevated their relations to a comprehensive strategic partnership a decade ago.",
        "AUS IDN | comprehensive strategic partnership | comprehensive strategic partnership | upgraded | 2014")]
    [InlineData("Date: 2023-12-13\n\nBeijing, Hanoi lift ties\n\nHanoi, Dec. 13 (VNA) -- The two sides upgraded their relations to a comprehensive strategic partnership.",
        "CHN VNM | comprehensive strategic partnership | comprehensive strategic partnership | upgraded | 2023")]
    [InlineData("Date: 2024-02-20\n\nPakistan, China leaders meet\n\nLeaders in Islamabad reaffirmed the China-Pakistan all-weather strategic cooperative partnership.",
        "CHN PAK | all-weather strategic cooperative partnership | all-weather strategic cooperative partnership | reaffirmed | 2024")]
    [InlineData("Date: 2024-06-01\n\nKazakhstan, China talks\n\nThe two countries will push forward the permanent comprehensive strategic partnership.",
        "CHN KAZ | permanent comprehensive strategic partnership | permanent comprehensive strategic partnership | reaffirmed | 2024")]
    [InlineData("Date: 2022-03-02\n\nParliament turns on Moscow\n\nRussia is no longer a strategic partner of the EU, lawmakers said.",
        "EU RUS | strategic partnership | strategic partner | downgraded | 2022")]
    [InlineData("Date: 2024-06-01\n\nBrazil, Saudi Arabia eye closer ties\n\nBrazil and Saudi Arabia are expected to sign a strategic partnership next year.",
        "BRA SAU | strategic partnership | strategic partnership | planned | 2025")]
    [InlineData("Date: 2024-01-10\n\nVietnam widens its circle\n\nVietnam has comprehensive strategic partnerships with China, Russia and India.",
        "CHN VNM | comprehensive strategic partnership | comprehensive strategic partnerships | mentioned | -\nRUS VNM | comprehensive strategic partnership | comprehensive strategic partnerships | mentioned | -\nIND VNM | comprehensive strategic partnership | comprehensive strategic partnerships | mentioned | -")]
    [InlineData("Date: 2024-01-10\n\nFrance and India\n\nIndia has been a strategic partner of France since 1998.",
        "FRA IND | strategic partnership | strategic partner | mentioned | 1998")]
    public void Extracts_a_record_for_each_reported_act_or_mention(string raw, string expected) =>
        Assert.Equal(expected.Split('\n'), Described(raw));

    [Theory]
    [InlineData("Date: 2024-06-01\n\nChile, Peru talks\n\nChile and Peru did not establish a strategic partnership during the visit.")]
    [InlineData("Date: 2024-06-01\n\nChile, Peru talks\n\nChile and Peru have yet to establish a strategic partnership.")]
    [InlineData("Date: 2024-06-01\n\nChile, Peru talks\n\nThey set up a fund in 2015, but Chile and Peru have yet to agree on a strategic partnership.")]
    [InlineData("Date: 2024-06-01\n\nVietnam, China boost trade\n\nChina is Vietnam's largest trading partner. The two sides signed an economic partnership agreement.")]
    [InlineData("Date: 2024-06-01\n\nGermany, Kenya sign deal\n\nGermany and Kenya launched strategic partnerships in the energy sector.")]
    [InlineData("Date: 2024-06-01\n\nChina, Vietnam boost trade\n\nThe two sides signed 36 cooperation documents in Hanoi.")]
    public void Extracts_nothing_from_a_document_without_a_declared_tier(string raw) =>
        Assert.Empty(Extract(raw).Records);

    [Fact]
    public void Still_reads_date_title_and_sentences_of_a_document_without_partners()
    {
        var analysis = Extract("Date: 2024-06-01\n\nChina, Vietnam boost trade\n\nTrade grew by 20 per cent. Exports led.");
        Assert.Empty(analysis.Records);
        Assert.Equal(new DateOnly(2024, 6, 1), analysis.Date);
        Assert.Equal("China, Vietnam boost trade", analysis.Title);
        Assert.Equal(3, analysis.Sentences);
    }

    [Fact]
    public void Keeps_one_record_per_parties_and_tier_preferring_the_reported_act()
    {
        const string raw = """
            Japan, Vietnam lift ties

            Japan is a comprehensive strategic partner of Vietnam, officials in Tokyo said.

            Japan and Vietnam upgraded their ties to a comprehensive strategic partnership on Monday. Officials said the two sides upgraded ties to a comprehensive strategic partnership in 2023 after long talks.
            """;
        var record = Assert.Single(Extract(raw).Records);
        Assert.Equal("JPN VNM | comprehensive strategic partnership | comprehensive strategic partnership | upgraded | 2023", Describe(record));
        Assert.Equal("Japan and Vietnam upgraded their ties to a comprehensive strategic partnership on Monday.", record.Evidence);
    }

    [Fact]
    public void Keeps_a_record_per_tier_for_the_same_parties()
    {
        // The tier after "from" is the one left behind: a mention of the old status, not the upgrade.
        const string raw = "Date: 2024-03-08\n\nIndonesia, Australia lift ties\n\nIndonesia and Australia lifted ties from a strategic partnership to a comprehensive strategic partnership.";
        Assert.Equal(
            [
                "AUS IDN | strategic partnership | strategic partnership | mentioned | -",
                "AUS IDN | comprehensive strategic partnership | comprehensive strategic partnership | upgraded | 2024",
            ],
            Described(raw));
    }

    [Fact]
    public void Gives_the_same_records_and_ids_when_run_again()
    {
        const string raw = "Date: 2024-01-10\n\nVietnam widens its circle\n\nVietnam has comprehensive strategic partnerships with China, Russia and India. It upgraded ties with Australia to a comprehensive strategic partnership in 2024.";
        var first = Extract(raw).Records.Select(RecordJson.ToJsonLine).ToList();
        var second = Extract(raw).Records.Select(RecordJson.ToJsonLine).ToList();
        var elsewhere = Extract(raw, "mirror/copy.txt").Records.Select(r => r.Id).ToList();

        Assert.Equal(4, first.Count);
        Assert.Equal(first, second);
        Assert.Equal(Extract(raw).Records.Select(r => r.Id), elsewhere);
        Assert.Equal(4, elsewhere.Distinct().Count());
    }

    [Fact]
    public void Sorts_parties_ordinally()
    {
        const string raw = "Date: 2024-01-10\n\nIndia, EU talks\n\nIndia and the EU reaffirmed their strategic partnership. ASEAN and India upgraded ties to a comprehensive strategic partnership in 2022.";
        Assert.Equal(
            ["EU IND | strategic partnership", "ASEAN IND | comprehensive strategic partnership"],
            Extract(raw).Records.Select(r => $"{string.Join(' ', r.Parties)} | {r.Tier}"));
    }

    [Fact]
    public void Spans_evidence_in_the_normalised_text_of_a_messy_document()
    {
        const string raw = "Date: 2023-12-18\r\n\r\nVietnam\u2013China ties\r\n\r\nHANOI\u00A0\u2014 Vietnam and China agreed to build a \u201Ccomprehensive strategic part-\r\nnership\u201D, officials said.";
        var text = TextNormalizer.Normalize(raw);
        var record = Assert.Single(Extract(raw).Records);

        Assert.Equal("HANOI  --  Vietnam and China agreed to build a \"comprehensive strategic partnership\", officials said.", record.EvidenceSpan.Slice(text).ToString());
        Assert.Equal("HANOI -- Vietnam and China agreed to build a \"comprehensive strategic partnership\", officials said.", record.Evidence);
        Assert.Equal("comprehensive strategic partnership", record.Phrase);
    }

    [Fact]
    public void Joins_the_evidence_of_hard_wrapped_text_into_one_line()
    {
        const string raw = """
            Date: 2024-05-16

            Moscow and Beijing pledged on Thursday to deepen their Sino-
            Russian comprehensive strategic partnership of coordination,
            as the two presidents met for the forty-third time in their
            careers. The leaders also discussed energy, trade and the
            security situation in the region, the Kremlin said in a short
            statement after the talks. Officials from both countries said
            new agreements on transport and finance would follow later in
            the year, with a joint commission due to meet in the autumn.
            """;
        var text = TextNormalizer.Normalize(raw);
        var record = Assert.Single(Extract(raw).Records);

        Assert.Equal("CHN RUS | comprehensive strategic partnership of coordination | comprehensive strategic partnership of coordination | reaffirmed | 2024", Describe(record));
        Assert.Equal(
            "Moscow and Beijing pledged on Thursday to deepen their Sino-Russian comprehensive strategic partnership of coordination, as the two presidents met for the forty-third time in their careers.",
            record.Evidence);
        Assert.Contains('\n', record.EvidenceSpan.Slice(text).ToString());
        Assert.Equal(record.Evidence, string.Join(' ', record.EvidenceSpan.Slice(text).ToString().Split('\n')));
    }

    [Fact]
    public void Prefers_the_date_and_title_the_source_gives()
    {
        const string raw = "Date: 2019-01-01\n\nOld headline\n\nIndonesia and Japan established a strategic partnership.";
        var analysis = ModelFiles.Extractor.Extract(new SourceDocument("a.html", raw, Title: "Indonesia, Japan forge ties", Date: new DateOnly(2021, 6, 30)));

        Assert.Equal(new DateOnly(2021, 6, 30), analysis.Date);
        Assert.Equal("Indonesia, Japan forge ties", analysis.Title);
        var record = Assert.Single(analysis.Records);
        Assert.Equal(new DateOnly(2021, 6, 30), record.DocumentDate);
        Assert.Equal(2021, record.Year);
    }

    [Fact]
    public void Scores_rhetoric_and_substance_with_a_classifier()
    {
        const string raw = "Date: 2024-03-08\n\nIndonesia, Australia lift ties\n\nIndonesia and Australia elevated ties to a comprehensive strategic partnership. The two sides agreed to double trade to 20 billion dollars. Both leaders praised the friendship. Australia will fund 3 new ports in Indonesia.";
        var extractor = new PartnershipExtractor(ModelFiles.Gazetteer, ModelFiles.Taxonomy, new NumbersAreSubstance());
        var record = Assert.Single(extractor.Extract(new SourceDocument("a.txt", raw)).Records);

        Assert.Equal(new RhetoricScore(RhetoricLabel.Rhetorical, 0.9), record.Rhetoric);
        Assert.NotNull(record.Substance);
        Assert.Equal(5, record.Substance.Sentences); // the title, the act and three sentences on the two sides
        Assert.Equal(2, record.Substance.Substantive);
        Assert.Equal(
            ["The two sides agreed to double trade to 20 billion dollars.", "Australia will fund 3 new ports in Indonesia."],
            record.Substance.Examples);
    }

    /// <summary>A stand-in classifier: a sentence with a number in it is substantive, any other rhetorical.</summary>
    private sealed class NumbersAreSubstance : ISentenceClassifier
    {
        public RhetoricScore Classify(ReadOnlySpan<char> sentence) =>
            RhetoricScore.FromProbabilityOfRhetoric(sentence.IndexOfAnyInRange('0', '9') >= 0 ? 0.1 : 0.9);
    }
}
