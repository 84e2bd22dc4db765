using System.Collections.Frozen;

namespace PartnershipMiner.Core.Classification;

/// <summary>
/// Named, unhashed features for the anchors the labelling rule is about (instruments, quantities, dates, military and
/// policy measures) and for the framing it sets aside. They generalise where n-grams cannot: a figure or a month the
/// training set never saw still lights the same cue. The order is part of the model file; append, never reorder.
/// </summary>
public enum CueFeature
{
    Instrument,
    Currency,
    Magnitude,
    Percent,
    Unit,
    Year,
    Number,
    MonthWithDayOrYear,
    Month,
    Weekday,
    SigningVerb,
    MilitaryMeasure,
    PolicyMeasure,
    Institution,
    Acronym,
    CapitalisedRun,
    Quotation,
    Framing,
    Courtesy,
    Intention,
    ShortSentence,
    LongSentence,
    DiplomaticMeasure,
    Project,
    SpelledNumber,
    Ranking,
    Evaluation,
    BackReference,
    Negation,
    Logistics,
    StandingPosition,
    CapitalisedInstrument,
    Ordinal,
    Dateline,
    Transaction,
    Duration,
    CountedDocuments,
    VoteTally,
    Periodic,
    SinceYear,
    NamedMechanism,
    CapitalisedInstitution,
    MechanismAction,
}

/// <summary>
/// The word lists behind the lexical cues, matched against normalised (lower-cased) tokens and bigrams. The featuriser
/// looks them up by the FNV state it already computed for each token, then confirms the spelling.
/// </summary>
public static class CueLexicon
{
    public static int Count { get; } = Enum.GetValues<CueFeature>().Length;

    /// <summary>Wire names in feature order, written into the model file so a mismatched build is caught at load.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<CueFeature>().Select(WireName)];

    public static string WireName(CueFeature cue) => cue switch
    {
        CueFeature.Instrument => "instrument",
        CueFeature.Currency => "currency",
        CueFeature.Magnitude => "magnitude",
        CueFeature.Percent => "percent",
        CueFeature.Unit => "unit",
        CueFeature.Year => "year",
        CueFeature.Number => "number",
        CueFeature.MonthWithDayOrYear => "month-with-day-or-year",
        CueFeature.Month => "month",
        CueFeature.Weekday => "weekday",
        CueFeature.SigningVerb => "signing-verb",
        CueFeature.MilitaryMeasure => "military-measure",
        CueFeature.PolicyMeasure => "policy-measure",
        CueFeature.Institution => "institution",
        CueFeature.Acronym => "acronym",
        CueFeature.CapitalisedRun => "capitalised-run",
        CueFeature.Quotation => "quotation",
        CueFeature.Framing => "framing",
        CueFeature.Courtesy => "courtesy",
        CueFeature.Intention => "intention",
        CueFeature.ShortSentence => "short-sentence",
        CueFeature.LongSentence => "long-sentence",
        CueFeature.DiplomaticMeasure => "diplomatic-measure",
        CueFeature.Project => "project",
        CueFeature.SpelledNumber => "spelled-number",
        CueFeature.Ranking => "ranking",
        CueFeature.Evaluation => "evaluation",
        CueFeature.BackReference => "back-reference",
        CueFeature.Negation => "negation",
        CueFeature.Logistics => "logistics",
        CueFeature.StandingPosition => "standing-position",
        CueFeature.CapitalisedInstrument => "capitalised-instrument",
        CueFeature.Ordinal => "ordinal",
        CueFeature.Dateline => "dateline",
        CueFeature.Transaction => "transaction",
        CueFeature.Duration => "duration",
        CueFeature.CountedDocuments => "counted-documents",
        CueFeature.VoteTally => "vote-tally",
        CueFeature.Periodic => "periodic",
        CueFeature.SinceYear => "since-year",
        CueFeature.NamedMechanism => "named-mechanism",
        CueFeature.CapitalisedInstitution => "capitalised-institution",
        CueFeature.MechanismAction => "mechanism-action",
        _ => throw new ArgumentOutOfRangeException(nameof(cue)),
    };

    /// <summary>Every lexicon entry: a single lower-case word, or two joined by one space (matched as a bigram).</summary>
    public static FrozenDictionary<string, CueFeature> Words { get; } = BuildWords();

    private static FrozenDictionary<string, CueFeature> BuildWords()
    {
        var words = new Dictionary<string, CueFeature>(StringComparer.Ordinal);
        void Add(CueFeature cue, string list)
        {
            foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // Multi-word entries are written with '_' and matched against the bigram "a b".
                words.Add(word.Replace('_', ' '), cue);
            }
        }

        Add(CueFeature.Instrument,
            "treaty treaties agreement agreements memorandum memoranda mou mous declaration declarations roadmap " +
            "roadmaps road_map action_plan action_plans protocol protocols contract contracts joint_statement " +
            "communique communiqué communiques accord accords pact pacts charter convention conventions deal deals " +
            "mlsa framework arrangement arrangements letter_of concession concessions");
        Add(CueFeature.Currency,
            "usd eur gbp cny rmb inr jpy dollar dollars euro euros yuan renminbi rupee rupees yen ruble rubles " +
            "rouble roubles riyal riyals dirham dirhams");
        // Bare plurals ("lift millions out of poverty") are vague, not quantities.
        Add(CueFeature.Magnitude, "million billion trillion mln bln bn crore crores");
        Add(CueFeature.Percent, "percent per_cent pct");
        Add(CueFeature.Unit,
            "tonne tonnes ton tons mw gw kw mwh gwh megawatt megawatts gigawatt gigawatts kilowatt km kilometre " +
            "kilometres kilometer kilometers barrel barrels bcm hectare hectares teu");
        Add(CueFeature.Month,
            "january february march april may june july august september october november december " +
            "jan feb apr jun jul aug sep sept oct nov dec");
        Add(CueFeature.Weekday, "monday tuesday wednesday thursday friday saturday sunday");
        Add(CueFeature.SigningVerb,
            "sign signs signed signing signature signatures ink inked inking conclude concluded concluding open " +
            "opened opening inaugurate inaugurated inaugurating launch launched launches launching deliver delivered " +
            "delivering delivery deliveries ratify ratified ratifying ratification exchange exchanged exchanging " +
            "adopt adopted adopting issue issued issuing release released approve approved approving " +
            "commissioned unveil unveiled");
        Add(CueFeature.MilitaryMeasure,
            "exercise exercises drill drills base bases frigate frigates deployment deployments deploy deployed " +
            "deploying warship warships submarine submarines troops jets fighter fighters missile missiles drone " +
            "drones aircraft helicopter helicopters destroyer destroyers patrol patrols naval arms weapons ammunition " +
            "tanks howitzers radar radars corvette corvettes warplanes peacekeeping peacekeepers ceasefire operation " +
            "operations soldiers personnel contingent air_defence air_defense");
        Add(CueFeature.PolicyMeasure,
            "sanction sanctions sanctioned visa visas ban bans banned tariff tariffs embargo embargoes expel expelled " +
            "expulsion expulsions designate designated designation suspend suspended suspension quota quotas " +
            "recognise recognised recognize recognized recognition approval approvals extradite extradited " +
            "extradition asylum deport deported impose imposed imposing curb curbs restriction " +
            "restrictions moratorium blacklist licence licences license licenses permit permits waiver exemption " +
            "exemptions customs duties freeze froze frozen");
        Add(CueFeature.Institution,
            "mechanism mechanisms dialogue dialogues forum fund funds programme programmes program programs project " +
            "projects committee committees commission commissions council working_group corridor zone centre center " +
            "secretariat body consultative task_force taskforce annual annually biennial");
        Add(CueFeature.Framing, "anniversary anniversaries decade decades century centuries history historic");
        Add(CueFeature.Courtesy,
            "congratulate congratulated congratulates congratulations condolence condolences thank thanked thanks " +
            "invitation invited welcome welcomed appreciation appreciate appreciated");
        Add(CueFeature.Intention,
            "deepen deepening strengthen strengthening enhance enhancing promote promoting expand expanding boost " +
            "advance advancing consolidate further foster continue committed commitment");
        Add(CueFeature.DiplomaticMeasure,
            "embassy embassies consulate consulates consular ambassador ambassadors envoy envoys diplomat diplomats " +
            "sever severed reopen reopened diplomatic_relations diplomatic_ties");
        Add(CueFeature.Project,
            "railway railways railroad pipeline pipelines ports terminal terminals tunnel tunnels bridge bridges " +
            "highway highways dam dams plant plants reactor reactors refinery factory factories airport airports " +
            "construction groundbreaking broke_ground satellite satellites scholarships");
        Add(CueFeature.SpelledNumber,
            "three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred " +
            "hundreds thousand thousands dozen dozens");
        Add(CueFeature.Ranking, "largest biggest top leading");
        Add(CueFeature.Evaluation,
            "importance important significant significance hailed praised valuable fruitful successful productive " +
            "friendly cordial warm excellent remarkable enduring");
        Add(CueFeature.Negation, "not no never yet without nor neither didnt doesnt hasnt havent wont cannot");
        Add(CueFeature.Logistics,
            "met meeting talks received banquet dinner lunch luncheon reception ceremony sidelines " +
            "press_conference courtesy_call");
        Add(CueFeature.StandingPosition,
            "reaffirm reaffirmed reaffirming reiterate reiterated reiterating sovereignty principle principles " +
            "territorial_integrity");
        Add(CueFeature.Ordinal,
            "first second third fourth fifth sixth seventh eighth ninth tenth twentieth thirtieth fortieth fiftieth " +
            "sixtieth seventieth hundredth");
        // Only verbs whose object is goods or money: "extend", "grant" and "renew" take support, thanks and
        // invitations as often as anything concrete.
        Add(CueFeature.Transaction,
            "buy buys bought buying purchase purchased purchases acquire acquired supply supplied supplies sell sold " +
            "selling donate donated donation loan loans allocate allocated");
        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Words that matter only next to others, for the phrase cues (a number before a time unit is a duration, before
    /// "documents" a count of instruments). Separate from <see cref="Words"/>, so a word can carry a role as well as a cue.
    /// </summary>
    internal static FrozenDictionary<string, TokenRole> Roles { get; } = BuildRoles();

    private static FrozenDictionary<string, TokenRole> BuildRoles()
    {
        var roles = new Dictionary<string, TokenRole>(StringComparer.Ordinal);
        void Add(TokenRole role, string list)
        {
            foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                roles[word] = roles.GetValueOrDefault(word) | role;
            }
        }

        Add(TokenRole.TimeUnit,
            "year years decade decades month months week weeks day days century centuries hour hours minutes");
        Add(TokenRole.Document, "documents document instruments texts");
        Add(TokenRole.Vote, "votes vote voted voting abstentions abstained abstaining favour favor against");
        Add(TokenRole.Repetition, "every each twice once thrice");
        Add(TokenRole.PeriodicWord, "annually biennially yearly quarterly monthly");
        Add(TokenRole.Since, "since");
        Add(TokenRole.MechanismNoun, "consultations conference summits");
        Add(TokenRole.MechanismVerb,
            "establish establishes established establishing set create creates created creating hold holds held " +
            "holding convene convenes convened convening form formed forming institutionalise institutionalised " +
            "institutionalize institutionalized launch launched launching inaugurate inaugurated upgrade upgraded " +
            "chaired co-chaired reconvene reconvened");
        return roles.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>What a word contributes to the phrase cues; a word may have several roles.</summary>
[Flags]
internal enum TokenRole : ushort
{
    None = 0,
    TimeUnit = 1,
    Document = 2,
    Vote = 4,
    Repetition = 8,
    PeriodicWord = 16,
    Since = 32,
    MechanismNoun = 64,
    MechanismVerb = 128,
}
