using System.Globalization;
using System.Text.RegularExpressions;
using SecondChance.Cases;

namespace SecondChance.Notes;

/// <summary>
/// The word limits, phrase lists and example words that <see cref="NoteChecker"/> applies and
/// <see cref="NoteDrafter"/> writes to. Published so a host can show them to the candidate.
/// </summary>
/// <remarks>
/// Phrases match whole words, ignoring letter case and treating a typographic apostrophe as a
/// straight one; a phrase of several words matches with any white space between them.
/// </remarks>
public static partial class NoteGuidelines
{
    /// <summary>The word limit for an email note: long enough for three short gap paragraphs.</summary>
    public const int EmailWordLimit = 250;

    /// <summary>The word limit for a letter: more formal, so a little longer.</summary>
    public const int LetterWordLimit = 350;

    /// <summary>The word limit for a card: it has to fit on the card.</summary>
    public const int CardWordLimit = 120;

    /// <summary>Gets words that count as thanking the reader.</summary>
    public static IReadOnlyList<string> ThanksPhrases { get; } =
        ["thank", "thanks", "thank you", "thankful", "grateful", "gratitude", "appreciate", "appreciated", "appreciation"];

    /// <summary>Gets phrases that state continued interest; the closing paragraph needs one.</summary>
    public static IReadOnlyList<string> InterestPhrases { get; } =
        ["interest", "interested", "keen", "eager", "enthusiastic", "excited", "would love to", "would welcome", "still want", "hope to join", "hope to work"];

    /// <summary>Gets phrases that state openness if anything changes; the closing paragraph should have one.</summary>
    public static IReadOnlyList<string> OpennessPhrases { get; } =
        [
            "if anything changes", "should anything change", "if anything comes up", "if things change", "if the situation changes",
            "if circumstances change", "if the role opens", "reopens", "opens up", "similar role", "similar roles", "similar position",
            "similar positions", "in the future", "keep me in mind", "open to", "glad to talk", "happy to talk", "speak with you again",
        ];

    /// <summary>
    /// Gets phrases that argue with the decision (an error: the playbook says never to argue at this
    /// stage; the note is there to leave a good last impression, not to reopen the verdict).
    /// </summary>
    public static IReadOnlyList<string> ArgumentativePhrases { get; } =
        [
            "wrong decision", "wrong choice", "you were wrong", "made a mistake", "a big mistake", "unfair", "not fair", "i disagree",
            "disagree with", "you should have", "you failed to", "you overlooked", "you misunderstood", "you did not understand",
            "you didn't understand", "you missed", "reconsider your decision", "i deserved", "i deserve", "better qualified than",
            "more qualified than", "your loss", "biased",
        ];

    /// <summary>Gets phrases that sound defensive (a warning: state the case calmly instead of defending it).</summary>
    public static IReadOnlyList<string> DefensivePhrases { get; } =
        [
            "to be fair", "in my defense", "in my defence", "actually", "obviously", "with all due respect", "i must point out",
            "let me clarify", "i want to clarify", "for the record", "contrary to", "that is not true", "that's not true",
            "not accurate", "as i already said", "as i said", "despite what you",
        ];

    /// <summary>Gets words that count as a number in an example, besides digits, percent and currency signs.</summary>
    public static IReadOnlyList<string> NumberWords { get; } =
        [
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
            "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
            "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "dozen", "dozens",
            "half", "third", "twice", "double", "doubled", "tripled", "halved", "percent",
        ];

    /// <summary>
    /// Gets verbs in the past tense that state a result and so make an example concrete even without
    /// a number ("cut", "shipped", "passed", "promoted"). A verb that names the gap's own concept
    /// (such as "hired" for a hiring gap) does not count.
    /// </summary>
    public static IReadOnlyList<string> ResultWords { get; } =
        [
            "increased", "reduced", "cut", "grew", "saved", "raised", "lowered", "boosted", "delivered", "launched", "shipped", "won",
            "achieved", "exceeded", "generated", "closed", "passed", "approved", "adopted", "beat", "improved", "lifted", "eliminated",
            "completed", "finished", "turned", "promoted", "secured", "landed", "resolved", "ended", "dropped", "rose", "topped",
            "outperformed", "retained", "shortened", "sped", "recovered", "avoided", "prevented", "renewed", "expanded",
        ];

    /// <summary>
    /// Gets the words left out when a recorded gap is turned into keywords: grammar words and the
    /// words people use to frame any gap ("limited experience", "stronger candidate").
    /// </summary>
    public static IReadOnlyList<string> GapStopWords { get; } =
        [
            "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "with", "without", "by", "from", "as",
            "into", "about", "than", "then", "that", "this", "these", "those", "there", "their", "they", "them", "it", "its", "is",
            "are", "was", "were", "be", "been", "being", "has", "have", "had", "having", "do", "does", "did", "not", "no", "never",
            "enough", "more", "most", "less", "least", "very", "much", "many", "some", "any", "all", "each", "other", "another",
            "same", "such", "own", "only", "just", "also", "too", "so", "can", "could", "would", "should", "will", "may", "might",
            "must", "i", "me", "my", "we", "our", "you", "your", "he", "she", "his", "her", "him", "who", "which", "what", "when",
            "where", "why", "how", "lot", "lots", "little", "limited", "lack", "lacked", "lacks", "lacking", "experience",
            "experienced", "strong", "stronger", "strongest", "weak", "weaker", "candidate", "candidates", "role", "position",
            "job", "skill", "skills", "area", "areas", "compared", "versus", "vs", "etc", "seemed", "seems", "looked", "felt",
        ];

    private static readonly HashSet<string> StopWordSet = new(GapStopWords, StringComparer.Ordinal);

    /// <summary>Returns the word limit for notes sent by <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns><see cref="EmailWordLimit"/>, <see cref="LetterWordLimit"/> or <see cref="CardWordLimit"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is not a defined channel.</exception>
    public static int WordLimit(NoteChannel channel) => channel switch
    {
        NoteChannel.Email => EmailWordLimit,
        NoteChannel.Letter => LetterWordLimit,
        NoteChannel.Card => CardWordLimit,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown note channel."),
    };

    /// <summary>
    /// Returns the keywords the checker looks for when a gap names no theme of its lexicon (see
    /// <see cref="GapJudge"/>): its words in lower case, without numbers, words shorter than three
    /// letters and <see cref="GapStopWords"/>, each once, in order. A paragraph answers such a gap
    /// when one of its clauses holds at least half of them, compared by lemma.
    /// </summary>
    /// <param name="gap">A recorded gap, such as "has not led a team of 10 or more".</param>
    /// <returns>The keywords, such as <c>led</c> and <c>team</c>; empty when none is left.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="gap"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<string> GapKeywords(string gap)
    {
        ArgumentNullException.ThrowIfNull(gap);
        var result = new List<string>();
        foreach (var word in Words(gap))
        {
            if (word.Length >= 3 && !word.All(char.IsDigit) && !StopWordSet.Contains(word) && !result.Contains(word))
            {
                result.Add(word);
            }
        }

        return result;
    }

    internal static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant());

    internal static Regex PhrasePattern(IEnumerable<string> phrases)
    {
        var alternatives = phrases
            .OrderByDescending(p => p.Length)
            .Select(p => string.Join(@"\s+", p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)));
        var pattern = string.Create(CultureInfo.InvariantCulture, $@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}])");
        // Literal phrases joined by \s+ with no nested quantifier: matching is linear in the text, so a time
        // limit could only fire on a starved machine, and would turn a valid note into an exception.
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
