// The meaning pieces (lemmas, tokens, the theme lexicon) are internal parts of the note check and share its namespace, so Notes has no loop with a namespace of its own.
namespace SecondChance.Notes;

/// <summary>
/// One concept of the theme lexicon: the words and phrases that name it. A strong term names the
/// concept on its own ("direct reports", "P&amp;L", "Kubernetes"); a weak term ("team", "money",
/// "migration") counts only beside a second term of the same concept, so "the team lunch" or "bird
/// migration" does not. In a phrase, <c>*</c> stands for up to four words ("lead * engineer" reads
/// "led 14 engineers" and "leading and mentoring engineers").
/// </summary>
/// <param name="Theme">The theme the concept belongs to.</param>
/// <param name="Name">The concept's name, shown as the matched concept.</param>
/// <param name="Specific">Whether a gap on this concept needs this very concept in the answer (a technology, an industry); otherwise any concept of the same theme answers it.</param>
/// <param name="Strong">Terms that name the concept alone.</param>
/// <param name="Weak">Terms that name it only beside another of its terms.</param>
internal sealed record LexiconConcept(GapTheme Theme, string Name, bool Specific, IReadOnlyList<string> Strong, IReadOnlyList<string> Weak);

/// <summary>The curated lexicon of what hiring feedback is about, theme by theme.</summary>
internal static class ThemeLexicon
{
    public static IReadOnlyList<LexiconConcept> Concepts { get; } =
    [
        new(GapTheme.TeamLeadership, "leading people", false,
            [
                "lead * team", "lead * person", "lead * engineer", "lead * developer", "lead * analyst", "lead * staff", "lead * group",
                "lead * department", "lead * squad", "lead * organisation", "lead * organization", "lead * designer", "lead * manager",
                "manage * team", "manage * person", "manage * engineer", "manage * developer", "manage * analyst", "manage * staff",
                "manage * group", "manage * department", "manage * manager", "manage * designer", "run * team", "run * department",
                "run * group", "run * organisation", "run * organization", "run * squad", "head * team", "head * department",
                "head * group", "head up", "line manager", "line manage", "people manager", "people management", "people leadership",
                "manage person", "direct report", "report to me", "report into me", "report directly to me", "my report", "headcount",
                "team of", "department of", "organisation of", "organization of", "group of * engineer", "group of * person",
                "my team", "my department", "my organisation", "my organization", "my group", "my squad", "mentor", "coach * engineer",
                "coach * person", "span of control", "team lead", "team leader", "tech lead", "engineering manager", "large team",
                "large group", "big team", "big group", "large organisation", "large organization", "sizeable team", "lead * team",
                "supervise", "oversee * team", "oversee * staff", "oversee * engineer", "coordinate * staff", "coordinate * person",
                "leadership", "lead * people", "manage * people", "responsible for * engineer", "responsible for * person",
                "performance review", "one-to-one",
            ],
            ["team", "person", "group", "lead", "manage", "department", "staff", "engineer", "leader", "size", "manager", "squad"]),

        new(GapTheme.Budget, "budget and P&L", false,
            [
                "budget", "pnl", "profit and loss", "cost centre", "cost center", "annual spend", "yearly spend", "spend of",
                "the spend", "vendor spend", "cloud spend", "under plan", "below plan", "against plan", "over plan", "forecast",
                "line of business", "bottom line", "opex", "capex", "cost saving", "procurement", "purchasing", "financial target",
                "finance target", "budgeting", "margin", "profitability", "profitable", "cost base", "spending", "balance sheet",
                "cash flow", "cost control", "control cost", "manage cost", "cut * cost", "reduce * cost", "lower * cost", "bring * cost", "cost * down",
                "keep * cost", "cost * under control", "cost management", "vendor cost", "supplier cost", "renegotiate * contract", "run a business unit",
                "business unit", "commercial responsibility", "financial responsibility", "finance responsibility",
            ],
            ["money", "spend", "cost", "finance", "plan", "profit", "loss", "fund", "dollar", "euro", "invest", "price", "allocate", "supplier", "vendor"]),

        new(GapTheme.Hiring, "hiring", false,
            [
                "hire", "recruit", "bring on", "take on * engineer", "take on * developer", "take on * person", "take on * staff",
                "interview loop", "interview process", "interview panel", "job ad", "job advert", "job description", "new hire",
                "talent acquisition", "sourcing", "staff up", "onboard * engineer", "onboard * developer", "onboard * person",
                "offer * candidate", "hiring manager", "hiring plan", "headcount plan", "fill * role", "fill * position", "sign * engineer",
                "interview * candidate", "recruit * engineer", "campus", "graduate scheme", "internship program",
            ],
            ["interview", "candidate", "offer", "onboard", "talent", "applicant", "role", "opening", "vacancy"]),

        new(GapTheme.Hiring, "building a team", false,
            [
                "from scratch", "from the ground up", "from zero", "build * team", "build * group", "build * department",
                "build * organisation", "build * organization", "grow * team", "grow * group", "grow * department", "stand up * team",
                "set up * team", "start * team", "found * team", "open * office", "first hire", "founding", "start * alone",
                "scale * team", "scale * organisation", "scale * organization", "new team",
            ],
            ["build", "grow", "scale", "start", "team", "group", "office"]),

        new(GapTheme.StakeholderCommunication, "stakeholder communication", false,
            [
                "stakeholder", "keep * inform", "keep * update", "keep * align", "keep * in the loop", "align", "alignment",
                "communicate", "present * board", "present * executive", "present * leadership", "present to", "present",
                "weekly note", "weekly update", "monthly update", "status report", "status update", "steering committee",
                "steering group", "forum", "board", "senior leader", "senior leadership", "leadership team", "c-suite", "executive",
                "briefing", "brief the", "brief * executive", "buy-in", "buy in", "sign off", "sign-off", "expectation",
                "cross-functional", "negotiate", "escalation", "newsletter", "town hall", "all-hands", "demo", "talk to * executive",
                "speak with", "speak to", "write up", "memo", "client relationship", "relationship with", "influence", "persuade",
                "coordinate", "collaborate", "collaboration", "sync", "across function", "bring * team together", "bring * group together",
                "trust with", "account management", "partnership",
            ],
            ["update", "inform", "report", "leader", "meeting", "message", "audience", "partner", "team", "department", "head", "relationship", "trust", "client", "customer"]),

        new(GapTheme.DomainAndRegulation, "regulation", true,
            [
                "regulate", "regulation", "comply", "audit", "auditor", "pci", "pci dss", "hipaa", "sox", "sarbanes", "gdpr",
                "basel", "fda", "fca", "sec filing", "iso 27001", "soc 2", "soc2", "licence", "license", "under * rule", "rulebook",
                "regulated industry", "legal requirement", "mifid", "aml", "kyc", "anti-money laundering", "solvency",
                "gxp", "iso 13485", "ferpa", "fedramp", "nerc",
            ],
            ["rule", "standard", "legal", "risk", "policy", "certification", "certify", "control"]),

        new(GapTheme.DomainAndRegulation, "healthcare", true,
            [
                "healthcare", "health care", "health", "hospital", "clinic", "patient", "medicine", "pharma", "pharmaceutical",
                "hipaa", "nhs", "nurse", "physician", "ehr", "electronic health record", "biotech", "life science", "medtech",
                "medical device", "care provider", "insurer claim", "telehealth", "diagnostic",
            ],
            ["care", "doctor", "treatment", "drug"]),

        new(GapTheme.DomainAndRegulation, "banking and finance", true,
            [
                "bank", "fintech", "financial service", "finance service", "payment", "trading", "lending", "credit card",
                "card scheme", "pci", "basel", "mifid", "capital market", "asset management", "wealth management", "brokerage",
                "finance regulation", "insurance", "insurer", "underwriting", "actuarial", "aml", "kyc", "ledger", "core banking",
                "finance industry", "finance sector", "treasury", "stock exchange",
            ],
            ["finance", "loan", "credit", "money", "transaction", "account", "investment"]),

        new(GapTheme.DomainAndRegulation, "public sector", true,
            ["public sector", "government", "council", "ministry", "federal", "agency", "civil service", "municipal", "fedramp", "public service", "procurement rule"],
            ["public", "state", "citizen"]),

        new(GapTheme.DomainAndRegulation, "energy", true,
            ["energy sector", "energy company", "energy industry", "energy provider", "utility", "power grid", "grid", "oil and gas", "renewable", "solar", "wind farm", "nerc", "electricity", "power plant"],
            ["energy", "power", "plant"]),

        new(GapTheme.DomainAndRegulation, "retail and e-commerce", true,
            ["retail", "e-commerce", "ecommerce", "online shop", "store", "merchandise", "checkout", "marketplace", "consumer goods"],
            ["shop", "shopper", "consumer", "basket"]),

        new(GapTheme.DomainAndRegulation, "manufacturing and logistics", true,
            ["manufacturing", "factory", "plant floor", "supply chain", "logistics", "warehouse operation", "fulfilment", "fulfillment", "freight", "shipping lane"],
            ["warehouse", "shipment", "supplier", "production"]),

        new(GapTheme.TechnicalSkills, "cloud", true,
            [
                "cloud", "aws", "azure", "gcp", "google cloud", "amazon web service", "on-prem", "on-premises", "on premise", "data centre",
                "data center", "lift and shift", "ec2", "s3", "lambda", "terraform", "cloudformation", "serverless", "own rack",
                "move * to the cloud", "migrate * service", "migrate * system", "migrate * workload", "migrate * database",
            ],
            ["migrate", "move", "service", "workload", "infrastructure", "server", "hosting", "rack"]),

        new(GapTheme.TechnicalSkills, "Kubernetes and containers", true,
            ["kubernetes", "k8s", "container orchestration", "helm", "pod", "docker", "container", "openshift", "eks", "aks", "gke", "istio", "service mesh"],
            ["cluster", "orchestration", "microservice", "deploy", "node"]),

        new(GapTheme.TechnicalSkills, "data engineering", true,
            [
                "data engineering", "data pipeline", "etl", "elt", "spark", "hadoop", "airflow", "kafka", "dbt", "snowflake", "databricks",
                "bigquery", "redshift", "data warehouse", "data lake", "data platform", "streaming", "batch job", "data model",
                "pipeline * warehouse", "load * warehouse", "data infrastructure",
            ],
            ["data", "pipeline", "warehouse", "ingest", "event", "table", "schema", "sql", "engineering"]),

        new(GapTheme.TechnicalSkills, "Python", true,
            ["django", "flask", "fastapi", "pandas", "numpy", "pytest", "pypi", "python library", "python package", "python code", "python service", "in python", "python developer"],
            ["python", "language", "library", "code", "script", "github", "package", "open-source", "open source", "star", "module"]),

        new(GapTheme.TechnicalSkills, "Java and the JVM", true,
            ["java", "kotlin", "scala", "jvm", "spring boot", "spring framework"],
            ["language", "code", "service"]),

        new(GapTheme.TechnicalSkills, "front end", true,
            ["frontend", "front-end", "front end", "react", "angular", "vue", "typescript", "javascript", "css", "web app", "user interface", "ui"],
            ["browser", "component", "design system", "page"]),

        new(GapTheme.TechnicalSkills, "machine learning", true,
            ["machine learning", "ml model", "deep learning", "neural network", "pytorch", "tensorflow", "llm", "model training", "train * model", "recommendation model", "classifier", "mlops"],
            ["model", "predict", "training", "feature", "ai"]),

        new(GapTheme.TechnicalSkills, "security", true,
            ["penetration test", "pen test", "vulnerability", "threat model", "zero trust", "soc 2", "iso 27001", "encryption", "identity and access", "incident response", "information security", "infosec", "cybersecurity", "application security", "security programme", "security program", "security review", "security audit", "security team", "secure by design"],
            ["security", "secure", "breach", "attack", "risk", "patch", "design", "system", "data"]),

        new(GapTheme.TechnicalSkills, "mobile", true,
            ["mobile app", "mobile development", "mobile developer", "mobile team", "ios", "android", "swift", "app store", "play store", "react native", "flutter"],
            ["mobile", "app"]),

        new(GapTheme.TechnicalSkills, "delivery pipeline and DevOps", true,
            ["ci/cd", "continuous integration", "continuous delivery", "continuous deployment", "devops", "github action", "jenkins", "gitlab ci", "build pipeline", "deployment pipeline", "release pipeline", "sre", "site reliability", "observability", "on-call"],
            ["build", "release", "deploy", "pipeline", "test suite", "incident", "uptime"]),

        new(GapTheme.TechnicalSkills, "databases", true,
            ["database", "sql", "postgres", "postgresql", "mysql", "oracle", "sql server", "mongodb", "dynamodb", "query", "index tuning", "schema design"],
            ["table", "query", "store", "data"]),

        new(GapTheme.TechnicalSkills, "user research and design", true,
            ["ux", "user research", "usability", "user interview", "user testing", "design research", "figma", "persona", "user experience", "prototype", "a/b test"],
            ["research", "user", "design", "interview", "study"]),

        new(GapTheme.TechnicalSkills, "system design and architecture", true,
            ["architecture", "architect", "system design", "distributed system", "microservice", "scalability", "scale * system", "event-driven", "high availability", "latency"],
            ["design", "system", "scale", "service", "throughput"]),

        new(GapTheme.SalesSegments, "enterprise sales", false,
            [
                "enterprise", "fortune 500", "fortune 100", "ftse 100", "large account", "strategic account", "global account",
                "key account", "named account", "large company", "large customer", "large organisation", "large organization",
                "six-figure", "seven-figure", "buying committee", "procurement team", "multi-year contract", "rfp", "c-level buyer",
                "sell to * enterprise", "enterprise customer", "enterprise deal", "enterprise client",
            ],
            ["account", "deal", "customer", "client", "contract", "large", "corporate"]),

        new(GapTheme.SalesSegments, "small and mid-market sales", false,
            ["smb", "small business", "small and medium", "mid-market", "midmarket", "mid-sized", "mid-size", "medium-sized", "sme", "self-serve", "small company", "small customer", "startup customer"],
            ["small", "medium", "customer", "client"]),

        new(GapTheme.SalesSegments, "selling", false,
            [
                "sell", "sale", "quota", "account executive", "close * deal", "deal", "pipeline of", "sales cycle", "book of business",
                "annual recurring revenue", "arr", "new logo", "territory", "prospect", "upsell", "cross-sell", "renewal", "bookings",
                "revenue target", "sales team", "win * account", "sign * customer", "sign * client", "land * account", "new business",
                "business development", "new account", "open * account", "prospecting", "open door", "lead generation", "target-driven",
                "commission",
            ],
            ["customer", "client", "revenue", "account", "buyer", "contract", "target"]),

        new(GapTheme.International, "international work", false,
            [
                "international", "global", "abroad", "overseas", "offshore", "nearshore", "time zone", "time difference", "cross-border",
                "multicultural", "multinational", "expat", "relocate", "emea", "apac", "latam", "americas", "europe", "asia",
                "africa", "across * country", "country", "region", "multilingual", "language", "across culture", "any time zone",
                "germany", "france", "spain", "poland", "italy", "netherlands", "portugal", "ireland", "uk", "united kingdom",
                "india", "china", "japan", "singapore", "australia", "brazil", "mexico", "canada", "usa", "united states",
                "lisbon", "london", "berlin", "paris", "madrid", "warsaw", "dublin", "bangalore", "bengaluru", "pune", "toronto",
                "vancouver", "sydney", "tokyo", "shanghai", "sao paulo", "mexico city", "new york", "san francisco", "amsterdam",
                "munich", "krakow", "manila", "nairobi", "lagos", "dubai",
            ],
            ["site", "office", "location", "remote", "distributed", "culture", "foreign", "world", "continent", "anywhere", "hour", "travel"]),

        new(GapTheme.Seniority, "seniority", false,
            [
                "senior", "director", "vice president", "vp", "head of", "c-level", "cxo", "chief", "executive role", "executive position",
                "report to the ceo", "report to the coo", "report to the cto", "report to the cfo", "report to the cio",
                "report * ceo", "report * coo", "report * cto", "report * cfo", "report * board", "leadership team", "promote",
                "principal", "partner level", "level", "step up", "managing director", "general manager", "scope",
                "manager of manager", "three manager", "layer of management", "remit", "broad responsibility", "broader responsibility",
            ],
            ["title", "role", "position", "responsibility", "organisation", "organization", "manager"]),

        new(GapTheme.Seniority, "strategy", false,
            [
                "strategy", "roadmap", "vision", "long-term", "long term", "three-year plan", "five-year plan", "multi-year plan",
                "business plan", "big picture", "operating plan", "okr", "portfolio", "market entry", "go-to-market", "direction",
                "priorities for", "set * priority",
            ],
            ["plan", "direction", "goal", "priority", "market"]),
    ];
}
