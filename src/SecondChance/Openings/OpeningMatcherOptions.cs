namespace SecondChance.Openings;

/// <summary>
/// Settings for an <see cref="OpeningMatcher"/>: the similarity thresholds and the word lists that
/// normalise titles and company names. Every list starts with a documented default that can be
/// edited in place (add, remove or clear); words are compared without case, accents or punctuation.
/// The matcher takes a snapshot when it is built, so changing the options later does not change it.
/// </summary>
public sealed class OpeningMatcherOptions
{
    /// <summary>
    /// Gets or sets the lowest token-sort similarity (0 to 100) of the two normalised titles at which an
    /// opening counts as the same role posted again; the seniority words and level markers must also be
    /// the same, and a job level given with the opening must equal the case's.
    /// </summary>
    /// <value>The default value is 90.</value>
    public int ReopenedThreshold { get; set; } = 90;

    /// <summary>
    /// Gets or sets the lowest token-set similarity (0 to 100) of the two normalised titles at which an
    /// opening whose function and kind agree with the case's role counts as similar.
    /// </summary>
    /// <value>The default value is 60.</value>
    public int SimilarThreshold { get; set; } = 60;

    /// <summary>
    /// Gets abbreviations and their full forms (one or more words), applied to each word of a title
    /// before anything else, such as <c>sr</c> to <c>senior</c> and <c>mgr</c> to <c>manager</c>.
    /// </summary>
    /// <value>The default holds common English job-title abbreviations: sr, snr, jr, jnr, mgr, mngr, eng, engr, dev, dir, vp, svp, evp, swe, sde, sw, hw, ops, mktg, mgmt, admin, assoc, exec, prin, tech, qa, hr, ceo, cto, cfo, coo, cmo, cpo, ciso.</value>
    public IDictionary<string, string> Abbreviations { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["sr"] = "senior", ["snr"] = "senior", ["jr"] = "junior", ["jnr"] = "junior",
        ["mgr"] = "manager", ["mngr"] = "manager", ["eng"] = "engineering", ["engr"] = "engineer",
        ["dev"] = "developer", ["dir"] = "director", ["vp"] = "vice president", ["svp"] = "senior vice president",
        ["evp"] = "executive vice president", ["swe"] = "software engineer", ["sde"] = "software engineer",
        ["sw"] = "software", ["hw"] = "hardware", ["ops"] = "operations", ["mktg"] = "marketing",
        ["mgmt"] = "management", ["admin"] = "administrator", ["assoc"] = "associate", ["exec"] = "executive",
        ["prin"] = "principal", ["tech"] = "technical", ["qa"] = "quality assurance", ["hr"] = "human resources",
        ["ceo"] = "chief executive officer", ["cto"] = "chief technology officer", ["cfo"] = "chief financial officer",
        ["coo"] = "chief operating officer", ["cmo"] = "chief marketing officer", ["cpo"] = "chief product officer",
        ["ciso"] = "chief information security officer",
    };

    /// <summary>
    /// Gets the words a title may carry that say nothing about the role: where and how it is worked, the
    /// gender markers of some boards (m/w/d), and small connecting words. They are dropped.
    /// </summary>
    /// <value>The default holds remote, hybrid, onsite, office, wfh, anywhere, worldwide, full, part, time, fulltime, parttime, permanent, temporary, level, m, w, f, d, h, x, and, of, the, a, an, for, to, in, at, with, on, de, la, le, der, die, und, et, y.</value>
    public ISet<string> IgnoredWords { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "remote", "hybrid", "onsite", "office", "wfh", "anywhere", "worldwide", "full", "part", "time", "fulltime", "parttime",
        "permanent", "temporary", "level", "m", "w", "f", "d", "h", "x", "and", "of", "the", "a", "an", "for", "to", "in", "at", "with", "on",
        "de", "la", "le", "der", "die", "und", "et", "y",
    };

    /// <summary>
    /// Gets the words that say how senior a role is. They are set apart from the rest of the title: a
    /// repost must keep them, a similar role may change them. Level markers (roman numerals I to IX,
    /// a letter or two and a number such as <c>L5</c> or <c>IC4</c>, or a bare number) are set apart the same way.
    /// </summary>
    /// <value>The default holds junior, senior, staff, principal, lead, distinguished, entry, mid, associate.</value>
    public ISet<string> SeniorityWords { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "junior", "senior", "staff", "principal", "lead", "distinguished", "entry", "mid", "associate",
    };

    /// <summary>
    /// Gets words that name a role's function (its field of work) and the function each names. A word that
    /// is also a kind word (<c>engineer</c>) counts only when no other word of the title names a function.
    /// Two titles agree on function when they name one in common, or when neither names any.
    /// </summary>
    /// <value>The default maps words to engineering, product, design, data, sales, marketing, finance, people, operations, legal, support, security and research.</value>
    public IDictionary<string, string> FunctionWords { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["engineering"] = "engineering", ["engineer"] = "engineering", ["developer"] = "engineering", ["programmer"] = "engineering",
        ["software"] = "engineering", ["backend"] = "engineering", ["frontend"] = "engineering", ["fullstack"] = "engineering",
        ["devops"] = "engineering", ["sre"] = "engineering", ["reliability"] = "engineering", ["infrastructure"] = "engineering",
        ["hardware"] = "engineering", ["firmware"] = "engineering", ["mobile"] = "engineering", ["ios"] = "engineering",
        ["android"] = "engineering", ["technology"] = "engineering", ["quality"] = "engineering",
        ["product"] = "product",
        ["design"] = "design", ["designer"] = "design", ["ux"] = "design", ["ui"] = "design", ["visual"] = "design", ["graphic"] = "design",
        ["data"] = "data", ["analytics"] = "data", ["ml"] = "data", ["learning"] = "data",
        ["sales"] = "sales", ["account"] = "sales", ["business"] = "sales",
        ["marketing"] = "marketing", ["growth"] = "marketing", ["brand"] = "marketing", ["content"] = "marketing", ["seo"] = "marketing",
        ["finance"] = "finance", ["financial"] = "finance", ["accounting"] = "finance", ["accountant"] = "finance",
        ["controller"] = "finance", ["treasury"] = "finance", ["tax"] = "finance",
        ["people"] = "people", ["human"] = "people", ["resources"] = "people", ["talent"] = "people", ["recruiting"] = "people", ["recruiter"] = "people",
        ["operations"] = "operations", ["operating"] = "operations", ["supply"] = "operations", ["logistics"] = "operations",
        ["legal"] = "legal", ["counsel"] = "legal", ["compliance"] = "legal",
        ["support"] = "support", ["customer"] = "support", ["success"] = "support",
        ["security"] = "security",
        ["research"] = "research", ["researcher"] = "research",
    };

    /// <summary>
    /// Gets words that name a role's kind (what the person is: a manager, an engineer, a designer) and the
    /// kind each names. Two titles agree on kind when they name one in common, or when neither names any.
    /// </summary>
    /// <value>The default maps manager, director, head, engineer (also developer and programmer), designer, analyst, scientist, architect, researcher, consultant, specialist, representative, executive, officer, president, coordinator, administrator, recruiter, accountant, writer, editor, intern, owner, partner, advisor, counsel and strategist.</value>
    public IDictionary<string, string> KindWords { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["manager"] = "manager", ["director"] = "director", ["head"] = "head", ["engineer"] = "engineer",
        ["developer"] = "engineer", ["programmer"] = "engineer", ["designer"] = "designer", ["analyst"] = "analyst",
        ["scientist"] = "scientist", ["architect"] = "architect", ["researcher"] = "researcher", ["consultant"] = "consultant",
        ["specialist"] = "specialist", ["representative"] = "representative", ["executive"] = "executive", ["officer"] = "officer",
        ["president"] = "president", ["coordinator"] = "coordinator", ["administrator"] = "administrator", ["recruiter"] = "recruiter",
        ["accountant"] = "accountant", ["writer"] = "writer", ["editor"] = "editor", ["intern"] = "intern", ["owner"] = "owner",
        ["partner"] = "partner", ["advisor"] = "advisor", ["counsel"] = "counsel", ["strategist"] = "strategist",
    };

    /// <summary>Gets the legal-form words dropped from either end of a company name, so that "Contoso, Inc." and "contoso" are one company.</summary>
    /// <value>The default holds inc, incorporated, llc, llp, lp, ltd, limited, plc, corp, corporation, co, company, gmbh, ag, kg, se, sa, sas, sarl, srl, spa, bv, nv, oy, ab, as, aps, pty, pte, kk and the.</value>
    public ISet<string> CompanySuffixes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "plc", "corp", "corporation", "co", "company", "gmbh", "ag",
        "kg", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps", "pty", "pte", "kk", "the",
    };
}
