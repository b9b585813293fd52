using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SecondChance.Notes;

/// <summary>
/// Judges whether a paragraph answers a recorded gap by what it means rather than by the words it
/// shares with the gap: <see cref="NoteChecker"/> uses it for steps 5 and 6 of the playbook, and a host
/// can call it to explain a verdict or to judge text as the candidate types.
/// </summary>
/// <remarks>
/// <para>
/// Both texts are split into clauses and lemmatised (a curated table of irregular forms such as
/// led → lead, grew → grow, people → person, then regular suffixes). The gap is matched to the
/// concepts of a curated lexicon of the themes hiring feedback is made of (<see cref="GapTheme"/>:
/// team size and leadership, budgets and P&amp;L, hiring, stakeholder communication, domain and
/// regulation, technical skills, sales segments, international work, seniority), each with its words
/// and phrases; a gap the lexicon does not know is looked for by its own words.
/// </para>
/// <para>
/// A paragraph is about the gap when a clause names one of the gap's concepts (for a technology or
/// an industry, that very concept; for the broad themes, any concept of the theme), or when it quotes
/// the gap. It is the candidate's own claim when that clause speaks in the first person ("I", "my
/// team", "we") and not of the reader or the company ("your team", "good to hear", "the
/// interview"): each word belongs to the nearest such cue before it in its clause, else after it; a
/// clause that restates their feedback ("you mentioned that I have not ...", "on your point") is
/// theirs. The claim is answered when the paragraph, outside clauses about
/// the reader, gives a concrete example: a number (digits, a number word, a currency or percent
/// sign), a result ("cut", "shipped", "passed", "promoted"), a named system (a capitalised name that
/// is not the concept itself nor a name of the case) or a time span ("last year").
/// </para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static partial class GapJudge
{
    private const int ExcerptLength = 80;

    private static readonly CompiledConcept[] Concepts = ThemeLexicon.Concepts.Select(CompiledConcept.From).ToArray();

    private static readonly FrozenSet<string> OwnCues = FrozenSet.ToFrozenSet(
        ["i", "me", "my", "mine", "myself", "we", "our", "ours", "us", "i'm", "i've", "i'd", "i'll", "we've", "we're", "we'd"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> OtherCues = FrozenSet.ToFrozenSet(
        ["you", "your", "yours", "yourself", "you've", "you're", "you'd", "you'll"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> NumberWords = NoteGuidelines.NumberWords.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ResultWords = NoteGuidelines.ResultWords.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NotNames = FrozenSet.ToFrozenSet(
        [
            "i", "i'm", "i've", "i'd", "i'll", "ceo", "coo", "cto", "cfo", "cio", "cmo", "vp", "svp", "evp", "hr", "dear", "thank", "thanks",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs", "ms", "dr",
        ],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> GapStopLemmas = FrozenSet.ToFrozenSet(
        ["hand", "background", "depth", "deep", "exposure", "familiar", "unfamiliar", "mostly", "weaker", "enough", "knowledge", "track", "record", "proven", "direct"],
        StringComparer.Ordinal);

    /// <summary>Judges whether <paramref name="paragraph"/> answers <paramref name="gap"/>.</summary>
    /// <param name="gap">The recorded gap, such as "limited experience with budgets".</param>
    /// <param name="paragraph">One paragraph of a note.</param>
    /// <returns>The verdict and why; its <see cref="GapAnswer.Line"/> is <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="gap"/> or <paramref name="paragraph"/> is <see langword="null"/>.</exception>
    public static GapAnswer Judge(string gap, string paragraph)
    {
        ArgumentNullException.ThrowIfNull(gap);
        ArgumentNullException.ThrowIfNull(paragraph);
        return Judge(gap, [(paragraph, (int?)null)], FrozenSet<string>.Empty);
    }

    /// <summary>
    /// Judges <paramref name="gap"/> against every paragraph and returns the best answer: one with an
    /// example before a claim without one before none, the first on a tie.
    /// </summary>
    internal static GapAnswer Judge(string gap, IReadOnlyList<(string Text, int? Line)> paragraphs, IReadOnlySet<string> names)
    {
        var trimmed = gap.Trim();
        var wanted = GapConcepts(trimmed);
        GapAnswer? best = null;
        foreach (var (text, line) in paragraphs)
        {
            var answer = JudgeOne(trimmed, wanted, text, line, names);
            if (best is null || Rank(answer) > Rank(best))
            {
                best = answer;
            }
        }

        return best ?? new GapAnswer(trimmed, GapVerdict.NotAnswered, wanted.Theme, null, null, null, null, null, null);
    }

    /// <summary>Gets whether the gap holds anything to look for (a concept of the lexicon or a word of its own).</summary>
    internal static bool CanJudge(string gap) => GapConcepts(gap.Trim()).Theme is not null;

    /// <summary>Gets what the judgement looks for in a paragraph for <paramref name="gap"/>: its concepts, or its own words.</summary>
    internal static string LookedFor(string gap)
    {
        var wanted = GapConcepts(gap.Trim());
        return string.Join(", ", wanted.Concepts.Select(c => c.Source.Name).Concat(wanted.Keywords).Distinct(StringComparer.Ordinal));
    }

    private static int Rank(GapAnswer a) => a.Verdict switch
    {
        GapVerdict.Answered => 3,
        GapVerdict.ClaimWithoutExample => 2,
        _ => a.Concept is null ? 0 : 1,
    };

    private static Wanted GapConcepts(string gap)
    {
        var tokens = NoteTokens.Tokenize(NoteTokens.Normalise(gap));
        var strong = Concepts.Where(c => c.Strong.Any(t => Find(tokens, t, 0, tokens.Length) is not null)).ToArray();
        if (strong.Length > 0)
        {
            return new Wanted(strong[0].Source.Theme, strong, []) { GapLemmas = Lemmas(tokens) };
        }

        // Only words that name a concept beside another: the gap's own words count as well.
        var weak = Concepts.Where(c => c.Weak.Any(t => Find(tokens, t, 0, tokens.Length) is not null)).ToArray();
        var keywords = NoteGuidelines.GapKeywords(gap)
            .Select(Lemmatizer.Lemma)
            .Where(l => !GapStopLemmas.Contains(l))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        // A word that names a concept only beside another is not looked for alone either.
        var weakWords = weak.SelectMany(c => c.Weak).Where(t => t.Length == 1).Select(t => t[0]).ToHashSet(StringComparer.Ordinal);
        keywords = keywords.Where(k => !weakWords.Contains(k)).ToArray();
        var theme = weak.Length > 0 ? weak[0].Source.Theme : keywords.Length > 0 ? GapTheme.Other : (GapTheme?)null;
        return new Wanted(theme, weak, keywords) { GapLemmas = Lemmas(tokens) };
    }

    private static HashSet<string> Lemmas(Token[] tokens) =>
        tokens.Select(t => t.Lemma).Where(l => l.Length >= 3 && !l.Any(char.IsDigit) && !GapStopLemmas.Contains(l) && !NoteGuidelines.GapStopWords.Contains(l)).ToHashSet(StringComparer.Ordinal);

    private static GapAnswer JudgeOne(string gap, Wanted wanted, string paragraph, int? line, IReadOnlySet<string> names)
    {
        var text = NoteTokens.Normalise(paragraph);
        var quoted = gap.Length > 0 && text.Contains(gap, StringComparison.OrdinalIgnoreCase);
        if (quoted)
        {
            text = text.Replace(gap, new string(' ', gap.Length), StringComparison.OrdinalIgnoreCase);
        }

        var tokens = NoteTokens.Tokenize(text);
        var cues = Cues(text, tokens);
        var hits = Hits(wanted, tokens);
        var owners = Owners(tokens, cues);
        var ownCue = Array.FindIndex(cues, c => c == Cue.Own);
        var prompt = NotePrompts.First(text);
        var claimHit = hits.FirstOrDefault(h => owners[h.First] == Cue.Own);
        claimHit ??= hits.FirstOrDefault(h => owners[h.First] == Cue.None && (ownCue >= 0 || prompt is not null));
        var excerpt = Shorten(paragraph.Trim());

        string? concept;
        string? matched;
        string? claim;
        if (claimHit is not null)
        {
            concept = claimHit.Concept;
            matched = text[tokens[claimHit.First].Start..tokens[claimHit.Last].End];
            claim = ClaimCue(tokens, cues, claimHit) is { } at ? tokens[at].Surface : ownCue >= 0 ? tokens[ownCue].Surface : prompt;
        }
        else if (quoted && wanted.Theme is not null)
        {
            concept = wanted.Concepts.Length > 0 ? wanted.Concepts[0].Source.Name : string.Join(' ', wanted.Keywords);
            matched = gap;
            claim = ownCue >= 0 ? tokens[ownCue].Surface : "the quoted gap";
        }
        else
        {
            var seen = hits.FirstOrDefault();
            return new GapAnswer(
                gap,
                GapVerdict.NotAnswered,
                wanted.Theme,
                seen?.Concept,
                seen is null ? null : text[tokens[seen.First].Start..tokens[seen.Last].End],
                null,
                null,
                seen is null ? null : line,
                seen is null ? null : excerpt);
        }

        var covered = Covered(wanted, tokens, hits);
        var example = Example(text, tokens, owners, covered, names);
        return new GapAnswer(
            gap,
            example is null ? GapVerdict.ClaimWithoutExample : GapVerdict.Answered,
            wanted.Theme,
            concept,
            matched,
            claim,
            example,
            line,
            excerpt);
    }

    // The words of the gap itself ("Kubernetes" for "weak Kubernetes skills", "hired" for a hiring
    // gap) and the words that name its concept in the paragraph's claim: saying them again is no example.
    private static HashSet<int> Covered(Wanted wanted, Token[] tokens, List<Hit> hits)
    {
        var covered = new HashSet<int>(hits.SelectMany(h => Enumerable.Range(h.First, h.Last - h.First + 1)));
        for (var i = 0; i < tokens.Length; i++)
        {
            if (wanted.GapLemmas.Contains(tokens[i].Lemma))
            {
                covered.Add(i);
            }
        }

        return covered;
    }

    private static List<Hit> Hits(Wanted wanted, Token[] tokens)
    {
        var hits = new List<Hit>();
        if (wanted.Concepts.Length > 0)
        {
            var themes = wanted.Concepts.Where(c => !c.Source.Specific).Select(c => c.Source.Theme).ToHashSet();
            foreach (var concept in Concepts.Where(c => wanted.Concepts.Contains(c) || themes.Contains(c.Source.Theme)))
            {
                hits.AddRange(concept.Hits(tokens));
            }

        }

        if (wanted.Keywords.Length == 0)
        {
            hits.Sort((a, b) => a.First.CompareTo(b.First));
            return hits;
        }

        // A gap the lexicon does not name: at least half of its own words, in one clause.
        var needed = (wanted.Keywords.Length + 1) / 2;
        foreach (var group in tokens.Select((t, i) => (t, i)).GroupBy(x => x.t.Segment))
        {
            var found = group.Where(x => wanted.Keywords.Contains(x.t.Lemma, StringComparer.Ordinal)).ToArray();
            if (found.Length > 0 && found.Select(x => x.t.Lemma).Distinct(StringComparer.Ordinal).Count() >= needed)
            {
                hits.Add(new Hit(string.Join(' ', wanted.Keywords), group.Key, found[0].i, found[^1].i));
            }
        }

        hits.Sort((a, b) => a.First.CompareTo(b.First));
        return hits;
    }

    private static string? Example(string text, Token[] tokens, Cue[] owners, HashSet<int> covered, IReadOnlySet<string> names)
    {
        string? year = null; // "since 2024" counts, but a size or a result says more, so it is kept in reserve
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (owners[i] == Cue.Other)
            {
                continue;
            }

            if (t.Surface.Length == 4 && t.Surface.All(char.IsAsciiDigit) && t.Surface[0] is '1' or '2')
            {
                year ??= t.Surface;
                continue;
            }

            if (t.Surface.Any(char.IsDigit) || NumberWords.Contains(t.Lemma) || NumberWords.Contains(t.Surface.ToLowerInvariant()))
            {
                return Chunk(text, t);
            }

            if (!covered.Contains(i) && ResultWords.Contains(t.Surface.ToLowerInvariant()))
            {
                return t.Surface;
            }

            if (!covered.Contains(i)
                && (t.IsCapitalised && !t.FirstInSegment || t.Surface.Length >= 2 && t.Surface.All(c => char.IsUpper(c) || char.IsDigit(c)))
                && !NotNames.Contains(t.Surface.ToLowerInvariant())
                && !names.Contains(t.Lemma)
                && (i == 0 || tokens[i - 1].Lemma != "at" || tokens[i - 1].Segment != t.Segment))
            {
                return t.Surface;
            }
        }

        foreach (Match m in TimeSpan().Matches(text))
        {
            var at = FirstTokenFrom(tokens, m.Index);
            if (at >= 0 && owners[at] != Cue.Other)
            {
                return m.Value;
            }
        }

        return year;
    }

    // Who each word speaks of: the candidate ("I", "my", "we"), the reader or their company ("your
    // team", "good to hear", "the interview"), or neither.
    private static Cue[] Cues(string text, Token[] tokens)
    {
        var cues = new Cue[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            cues[i] = OwnCues.Contains(tokens[i].Lemma) ? Cue.Own : OtherCues.Contains(tokens[i].Lemma) ? Cue.Other : Cue.None;
        }

        // "You mentioned that I have not led ..." restates their feedback up to the end of its clause.
        var restatedTo = 0; // tokens before this one are already marked to the end of their clause
        foreach (Match m in Restating().Matches(text))
        {
            var first = FirstTokenFrom(tokens, m.Index);
            if (first < 0 || first < restatedTo)
            {
                continue;
            }

            var i = first;
            for (; i < tokens.Length && tokens[i].Segment == tokens[first].Segment; i++)
            {
                cues[i] = Cue.Other;
            }

            restatedTo = i;
        }

        foreach (Match m in AboutThem().Matches(text))
        {
            for (var i = Math.Max(0, FirstTokenFrom(tokens, m.Index)); i < tokens.Length && tokens[i].Start >= m.Index && tokens[i].Start < m.Index + m.Length; i++)
            {
                cues[i] = Cue.Other;
            }
        }

        return cues;
    }

    // Whom each token speaks of: the nearest cue before it in its clause, else the nearest from it on.
    // Worked out for all tokens in two passes, so asking for every token costs no more than one clause scan.
    private static Cue[] Owners(Token[] tokens, Cue[] cues)
    {
        var n = tokens.Length;
        var from = new Cue[n];
        for (var i = n - 1; i >= 0; i--)
        {
            from[i] = cues[i] != Cue.None ? cues[i] : i + 1 < n && tokens[i + 1].Segment == tokens[i].Segment ? from[i + 1] : Cue.None;
        }

        var owners = new Cue[n];
        var before = Cue.None;
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && tokens[i - 1].Segment != tokens[i].Segment)
            {
                before = Cue.None;
            }

            owners[i] = before != Cue.None ? before : from[i];
            if (cues[i] != Cue.None)
            {
                before = cues[i];
            }
        }

        return owners;
    }

    // The index of the first token that starts at or after offset (tokens are in text order), or -1.
    private static int FirstTokenFrom(Token[] tokens, int offset)
    {
        int low = 0, high = tokens.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (tokens[mid].Start >= offset)
            {
                found = mid;
                high = mid - 1;
            }
            else
            {
                low = mid + 1;
            }
        }

        return found;
    }

    private static int? ClaimCue(Token[] tokens, Cue[] cues, Hit hit)
    {
        for (var i = hit.First - 1; i >= 0 && tokens[i].Segment == hit.Segment; i--)
        {
            if (cues[i] == Cue.Own)
            {
                return i;
            }
        }

        for (var i = hit.First; i < tokens.Length && tokens[i].Segment == hit.Segment; i++)
        {
            if (cues[i] == Cue.Own)
            {
                return i;
            }
        }

        return null;
    }

    // The number with what is written onto it: "$2.4M", "6%", "1,200".
    private static string Chunk(string text, Token t)
    {
        var start = t.Start;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]) && text[start - 1] is not ('(' or '"'))
        {
            start--;
        }

        var end = t.End;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return text[start..end].Trim(',', '.', ';', ':', ')', '"', '!', '?');
    }

    private static string Shorten(string text)
    {
        if (text.Length <= ExcerptLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', ExcerptLength - 1);
        return string.Concat(text.AsSpan(0, cut > 20 ? cut : ExcerptLength - 1), "...");
    }

    private static int[]? Find(Token[] tokens, string[] term, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (tokens[i].Lemma == term[0] && Match(tokens, term, 1, i + 1, tokens[i].Segment, to) is { } end)
            {
                return [i, end];
            }
        }

        return null;
    }

    // Matches term[k..] from token i in the same clause; returns the index of the last token matched.
    private static int? Match(Token[] tokens, string[] term, int k, int i, int segment, int to)
    {
        if (k == term.Length)
        {
            return i - 1;
        }

        if (term[k] == "*")
        {
            for (var skip = 0; skip <= 4 && i + skip <= to; skip++)
            {
                if (i + skip > i && tokens[i + skip - 1].Segment != segment)
                {
                    break;
                }

                if (Match(tokens, term, k + 1, i + skip, segment, to) is { } end)
                {
                    return end;
                }
            }

            return null;
        }

        return i < to && tokens[i].Segment == segment && tokens[i].Lemma == term[k] ? Match(tokens, term, k + 1, i + 1, segment, to) : null;
    }

    [GeneratedRegex(@"\b(?:you\s+(?:mentioned|said|noted|raised|pointed\s+out|felt|flagged|were\s+concerned|thought|saw)|(?:on|about|regarding|re|to)\s+your\s+(?:point|observation|feedback|concern|comment|question|note|remark))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Restating();

    [GeneratedRegex(@"\b(?:(?:last|this|that)\s+(?:year|quarter|month|spring|summer|autumn|fall|winter)|(?:a|one)\s+(?:year|decade)\s+(?:ago|later)|within\s+a\s+(?:year|quarter|month))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeSpan();

    [GeneratedRegex(@"\b(?:(?:glad|good|great|nice|lovely|interesting|exciting|pleased|happy|inspiring|encouraging)\s+to\s+(?:hear|meet|learn|see|read)|hearing\s+(?:about|how|that|from)|(?:walk|walking|walked)\s+me\s+through|the\s+interviews?|interview\s+(?:day|format|process|panel)|(?:our|the)\s+(?:call|chat|conversation|meeting)|congratulations|good\s+luck|impressed\s+by|i\s+hope)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AboutThem();

    private enum Cue
    {
        None,
        Own,
        Other,
    }

    private sealed record Wanted(GapTheme? Theme, CompiledConcept[] Concepts, string[] Keywords)
    {
        public HashSet<string> GapLemmas { get; init; } = [];
    }

    private sealed record Hit(string Concept, int Segment, int First, int Last);

    private sealed record CompiledConcept(LexiconConcept Source, string[][] Strong, string[][] Weak)
    {
        public static CompiledConcept From(LexiconConcept c) =>
            new(c, c.Strong.Select(NoteTokens.TermLemmas).Where(t => t.Length > 0).ToArray(), c.Weak.Select(NoteTokens.TermLemmas).Where(t => t.Length > 0).ToArray());

        // A strong term alone, or two different weak terms, in one clause.
        public IEnumerable<Hit> Hits(Token[] tokens)
        {
            var from = 0;
            while (from < tokens.Length)
            {
                var segment = tokens[from].Segment;
                var to = from;
                while (to < tokens.Length && tokens[to].Segment == segment)
                {
                    to++;
                }

                var strong = Strong.Select(t => Find(tokens, t, from, to)).Where(m => m is not null).OrderBy(m => m![0]).FirstOrDefault();
                if (strong is not null)
                {
                    yield return new Hit(Source.Name, segment, strong[0], strong[1]);
                }
                else
                {
                    var weak = Weak.Select(t => Find(tokens, t, from, to)).Where(m => m is not null).Select(m => m!).ToArray();
                    if (weak.Length >= 2)
                    {
                        yield return new Hit(Source.Name, segment, weak.Min(m => m[0]), weak.Max(m => m[1]));
                    }
                }

                from = to;
            }
        }
    }
}
