namespace SecondChance.Notes;

/// <summary>
/// The themes hiring feedback is made of, as the note checker's lexicon groups them. A recorded gap
/// is matched to its themes and concepts; a paragraph answers it when it speaks of the same concept
/// (or, for the broad themes, of the same theme). The names are stable and appear in JSON.
/// </summary>
public enum GapTheme
{
    /// <summary>Team size and leadership: leading, managing, mentoring people; how many report to the candidate.</summary>
    TeamLeadership,

    /// <summary>Budgets and P&amp;L: owning a budget or a spend, profit and loss, costs against plan.</summary>
    Budget,

    /// <summary>Hiring and building a team: recruiting, interviewing, growing a team from scratch.</summary>
    Hiring,

    /// <summary>Stakeholder communication: keeping people informed and aligned, presenting to executives or a board.</summary>
    StakeholderCommunication,

    /// <summary>Domain and regulation: an industry (healthcare, banking, insurance, ...) and its rules and audits.</summary>
    DomainAndRegulation,

    /// <summary>Technical skills: a named technology or discipline (cloud, Kubernetes, data engineering, a language, ...).</summary>
    TechnicalSkills,

    /// <summary>Sales segments: selling to enterprise, mid-market or small-business customers; quotas and deals.</summary>
    SalesSegments,

    /// <summary>International work: other countries, overseas teams, time zones, languages.</summary>
    International,

    /// <summary>Seniority and strategy: the level of past roles, reporting lines, strategic scope.</summary>
    Seniority,

    /// <summary>No theme of the lexicon: the gap's own words are looked for instead.</summary>
    Other,
}
