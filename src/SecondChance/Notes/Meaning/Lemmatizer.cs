using System.Collections.Frozen;

namespace SecondChance.Notes;

/// <summary>
/// Reduces an English word to the form the theme lexicon is written in: irregular forms from a
/// curated table (led → lead, ran → run, grew → grow, brought → bring, people → person), then
/// regular inflection and the common derivations (hiring, hired, hires → hire; migrations,
/// migrated → migrate; communication, communicating → communicate). Lexicon terms and note text go
/// through the same function, so what matters is that related forms meet, not the spelling of the
/// result. Thread-safe.
/// </summary>
internal static class Lemmatizer
{
    // Irregular verbs and plurals that hiring feedback and its answers use, and a few words the
    // suffix rules would spoil.
    private static readonly FrozenDictionary<string, string> Irregular = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["led"] = "lead", ["ran"] = "run", ["running"] = "run", ["grew"] = "grow", ["grown"] = "grow", ["built"] = "build",
        ["brought"] = "bring", ["took"] = "take", ["taken"] = "take", ["spent"] = "spend", ["won"] = "win", ["sold"] = "sell",
        ["made"] = "make", ["kept"] = "keep", ["taught"] = "teach", ["wrote"] = "write", ["written"] = "write", ["went"] = "go",
        ["gone"] = "go", ["began"] = "begin", ["begun"] = "begin", ["chose"] = "choose", ["chosen"] = "choose", ["drove"] = "drive",
        ["driven"] = "drive", ["oversaw"] = "oversee", ["overseen"] = "oversee", ["saw"] = "see", ["seen"] = "see",
        ["got"] = "get", ["gotten"] = "get", ["gave"] = "give", ["given"] = "give", ["held"] = "hold", ["met"] = "meet",
        ["paid"] = "pay", ["set"] = "set", ["cut"] = "cut", ["put"] = "put", ["hit"] = "hit", ["beat"] = "beat",
        ["beaten"] = "beat", ["bought"] = "buy", ["thought"] = "think", ["told"] = "tell", ["found"] = "find", ["stood"] = "stand",
        ["understood"] = "understand", ["spoke"] = "speak", ["spoken"] = "speak", ["left"] = "leave", ["lost"] = "lose",
        ["meant"] = "mean", ["sent"] = "send", ["felt"] = "feel", ["knew"] = "know", ["known"] = "know", ["did"] = "do",
        ["done"] = "do", ["was"] = "be", ["were"] = "be", ["been"] = "be", ["is"] = "be", ["are"] = "be", ["am"] = "be",
        ["has"] = "have", ["had"] = "have", ["having"] = "have", ["came"] = "come", ["become"] = "become", ["became"] = "become",
        ["rose"] = "rise", ["risen"] = "rise", ["fell"] = "fall", ["fallen"] = "fall", ["shut"] = "shut", ["drew"] = "draw",
        ["spun"] = "spin", ["stood up"] = "stand up",
        ["people"] = "person", ["men"] = "man", ["women"] = "woman", ["children"] = "child", ["staff"] = "staff",
        ["analyses"] = "analysis", ["analysis"] = "analysis", ["business"] = "business", ["businesses"] = "business",
        ["process"] = "process", ["processes"] = "process", ["class"] = "class", ["access"] = "access", ["success"] = "success",
        ["series"] = "series", ["news"] = "news", ["data"] = "data", ["media"] = "media", ["kubernetes"] = "kubernetes",
        ["aws"] = "aws", ["ios"] = "ios", ["sales"] = "sale", ["this"] = "this", ["us"] = "us", ["its"] = "its",
        ["his"] = "his", ["as"] = "as", ["less"] = "less", ["across"] = "across", ["plus"] = "plus", ["status"] = "status",
        ["bias"] = "bias", ["gas"] = "gas", ["canvas"] = "canvas", ["basis"] = "basis", ["crisis"] = "crisis",
        ["hipaa"] = "hipaa", ["sox"] = "sox", ["ops"] = "ops", ["devops"] = "devops", ["finops"] = "finops",
        ["scratch"] = "scratch", ["overseas"] = "overseas", ["abroad"] = "abroad", ["needed"] = "need",
        ["better"] = "good", ["best"] = "good", ["larger"] = "large", ["largest"] = "large", ["bigger"] = "big", ["biggest"] = "big",
        ["wider"] = "wide", ["broader"] = "broad", ["higher"] = "high", ["senior"] = "senior", ["seniority"] = "senior",
        ["junior"] = "junior", ["leader"] = "leader", ["leaders"] = "leader", ["leadership"] = "leadership",
        ["manager"] = "manager", ["managers"] = "manager", ["management"] = "manage", ["regulator"] = "regulate",
        ["regulators"] = "regulate", ["regulatory"] = "regulate", ["compliance"] = "comply", ["compliant"] = "comply",
        ["recruitment"] = "recruit", ["recruiter"] = "recruit", ["recruiters"] = "recruit", ["hiring"] = "hire",
        ["strategic"] = "strategy", ["strategically"] = "strategy", ["strategies"] = "strategy",
        ["communications"] = "communicate", ["communication"] = "communicate", ["presentation"] = "present",
        ["presentations"] = "present", ["financial"] = "finance", ["financials"] = "finance", ["international"] = "international",
        ["internationally"] = "international", ["globally"] = "global", ["engineering"] = "engineering", ["migration"] = "migrate",
        ["migrations"] = "migrate", ["negotiation"] = "negotiate", ["negotiations"] = "negotiate", ["enterprises"] = "enterprise",
        ["clinical"] = "clinic", ["medical"] = "medicine", ["banking"] = "bank", ["payments"] = "payment", ["analytics"] = "analytics",
        ["headcount"] = "headcount", ["stakeholders"] = "stakeholder", ["executives"] = "executive", ["pipelines"] = "pipeline",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Returns the lemma of <paramref name="word"/>, which must already be in lower case.</summary>
    public static string Lemma(string word)
    {
        if (Irregular.TryGetValue(word, out var lemma))
        {
            return lemma;
        }

        if (word.Length <= 3 || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }

        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            return w[..^3] + "y";
        }

        if (w.EndsWith("ied", StringComparison.Ordinal) && w.Length > 4)
        {
            return w[..^3] + "y";
        }

        if (w.EndsWith("ation", StringComparison.Ordinal) && w.Length > 7)
        {
            return Restore(w[..^3]); // communication → communicat → communicate
        }

        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5)
        {
            return Restore(w[..^3]);
        }

        if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4)
        {
            return Restore(w[..^2]);
        }

        if (w.EndsWith("ses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal) || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal))
        {
            return w[..^2];
        }

        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
        {
            return w[..^1];
        }

        return w;
    }

    // The stem left by cutting -ing/-ed/-ation: undouble a final consonant (planned → plan), or put
    // back the silent e the suffix took (hired → hire, managed → manage, migrat → migrate).
    private static string Restore(string stem)
    {
        if (stem.Length >= 3 && stem[^1] == stem[^2] && !"aeiouslz".Contains(stem[^1], StringComparison.Ordinal))
        {
            return stem[..^1];
        }

        if (stem.Length >= 2 && NeedsE(stem))
        {
            return stem + "e";
        }

        return stem;
    }

    private static bool NeedsE(string stem)
    {
        var last = stem[^1];
        var beforeLast = stem[^2];
        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal) || stem.EndsWith("is", StringComparison.Ordinal) && stem.Length > 4)
        {
            return true;
        }

        if (last is 'c' or 'g' or 'v' or 'z' or 'u')
        {
            return true; // produce, manage, drive, size, argue
        }

        // consonant-vowel-consonant at the end of a one-syllable stem: hir(e), shar(e), sav(e), clos(e)
        if (stem.Length <= 4 && !IsVowel(last) && IsVowel(beforeLast) && stem.Length >= 3 && !IsVowel(stem[^3]) && last is not ('w' or 'x' or 'y'))
        {
            return true;
        }

        return false;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
