using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using FuzzySharp;
using FuzzySharp.PreProcess;
using SecondChance.Cases;

namespace SecondChance.Openings;

/// <summary>
/// Says whether a job opening is the role a case is about posted again (<see cref="OpeningMatch.Reopened"/>),
/// a similar role at the same company (<see cref="OpeningMatch.Similar"/>), or unrelated, with a score and
/// the reasons. Company names compare without case, accents, punctuation or legal suffixes; titles are
/// normalised (abbreviations expanded, level markers and seniority set apart, noise words dropped) and
/// compared with FuzzySharp's token-sort and token-set ratios. A similar role must agree with the case's
/// on both function (engineering, product, sales...) and kind (manager, engineer, designer...).
/// Immutable and thread-safe.
/// </summary>
public sealed class OpeningMatcher
{
    private static readonly FrozenSet<string> RomanNumerals = new[] { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly int _reopened;
    private readonly int _similar;
    private readonly FrozenDictionary<string, string[]> _abbreviations;
    private readonly FrozenSet<string> _ignored;
    private readonly FrozenSet<string> _seniority;
    private readonly FrozenDictionary<string, string> _functions;
    private readonly FrozenDictionary<string, string> _kinds;
    private readonly FrozenSet<string> _companySuffixes;

    /// <summary>Creates a matcher with the default thresholds and word lists.</summary>
    public OpeningMatcher()
        : this(new OpeningMatcherOptions())
    {
    }

    /// <summary>Creates a matcher from <paramref name="options"/>, taking a snapshot of them.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A threshold is outside 0 to 100, the similar threshold is above the reopened one, or a word list holds a blank word.</exception>
    public OpeningMatcher(OpeningMatcherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ReopenedThreshold is < 0 or > 100)
        {
            throw new ArgumentException($"ReopenedThreshold must be from 0 to 100 (was {options.ReopenedThreshold}).", nameof(options));
        }

        if (options.SimilarThreshold is < 0 or > 100 || options.SimilarThreshold > options.ReopenedThreshold)
        {
            throw new ArgumentException($"SimilarThreshold must be from 0 to 100 and at most ReopenedThreshold (was {options.SimilarThreshold}).", nameof(options));
        }

        _reopened = options.ReopenedThreshold;
        _similar = options.SimilarThreshold;
        _abbreviations = options.Abbreviations.ToFrozenDictionary(
            kv => Word(kv.Key, nameof(options.Abbreviations)),
            kv => Words(kv.Value) is { Length: > 0 } words ? words : throw new ArgumentException($"Abbreviations: '{kv.Key}' has no full form.", nameof(options)),
            StringComparer.Ordinal);
        _ignored = options.IgnoredWords.Select(w => Word(w, nameof(options.IgnoredWords))).ToFrozenSet(StringComparer.Ordinal);
        _seniority = options.SeniorityWords.Select(w => Word(w, nameof(options.SeniorityWords))).ToFrozenSet(StringComparer.Ordinal);
        _functions = options.FunctionWords.ToFrozenDictionary(kv => Word(kv.Key, nameof(options.FunctionWords)), kv => Word(kv.Value, nameof(options.FunctionWords)), StringComparer.Ordinal);
        _kinds = options.KindWords.ToFrozenDictionary(kv => Word(kv.Key, nameof(options.KindWords)), kv => Word(kv.Value, nameof(options.KindWords)), StringComparer.Ordinal);
        _companySuffixes = options.CompanySuffixes.Select(w => Word(w, nameof(options.CompanySuffixes))).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Gets a matcher with the default options.</summary>
    public static OpeningMatcher Default { get; } = new();

    /// <summary>
    /// Returns the key two company names share when they name the same company: lower case, without
    /// accents, punctuation or the legal suffixes of <see cref="OpeningMatcherOptions.CompanySuffixes"/>.
    /// </summary>
    /// <param name="company">The company's name.</param>
    /// <returns>The key; empty when nothing is left of the name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="company"/> is <see langword="null"/>.</exception>
    public string CompanyKey(string company)
    {
        ArgumentNullException.ThrowIfNull(company);
        var words = Words(company);
        int start = 0, end = words.Length;
        while (end > start && _companySuffixes.Contains(words[end - 1]))
        {
            end--;
        }

        while (start < end && _companySuffixes.Contains(words[start]))
        {
            start++;
        }

        // A name made only of suffix words ("The Company") keeps them rather than vanishing.
        return start == end ? string.Join(' ', words) : string.Join(' ', words[start..end]);
    }

    /// <summary>Compares the titles of a case's role and an opening, at the same company.</summary>
    /// <param name="role">The role the case is about.</param>
    /// <param name="openingTitle">The opening's title.</param>
    /// <returns>The verdict; symmetric in the two titles except for which words are reported on which side.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public OpeningMatchResult CompareTitles(string role, string openingTitle)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(openingTitle);
        return Compare(Profile(role), Profile(openingTitle), []);
    }

    /// <summary>
    /// Compares an opening with a case: the companies must be the same, then the titles decide; a job level
    /// given with the opening that differs from the case's makes a repost only similar.
    /// </summary>
    /// <param name="case">The case.</param>
    /// <param name="opening">The opening.</param>
    /// <returns>The verdict with its reasons.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public OpeningMatchResult Match(RunnerUpCase @case, JobOpening opening)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(opening);
        var caseCompany = CompanyKey(@case.Company ?? string.Empty);
        var openingCompany = CompanyKey(opening.Company ?? string.Empty);
        if (caseCompany.Length == 0 || !string.Equals(caseCompany, openingCompany, StringComparison.Ordinal))
        {
            return new OpeningMatchResult(null, 0, [], [], [], [$"different company: '{caseCompany}' and '{openingCompany}'"]);
        }

        var result = Compare(Profile(@case.Role ?? string.Empty), Profile(opening.Title ?? string.Empty), [$"same company: '{caseCompany}'"]);
        return WithLevel(result, @case.Level, opening.Level);
    }

    /// <summary>Takes a title apart into normalised words, seniority, level markers, functions and kinds.</summary>
    internal TitleProfile Profile(string title)
    {
        var core = new SortedSet<string>(StringComparer.Ordinal);
        var seniority = new SortedSet<string>(StringComparer.Ordinal);
        var markers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in Words(title))
        {
            foreach (var word in _abbreviations.TryGetValue(raw, out var full) ? full : [raw])
            {
                if (_ignored.Contains(word))
                {
                    continue;
                }

                if (_seniority.Contains(word))
                {
                    seniority.Add(word);
                }
                else if (IsLevelMarker(word))
                {
                    markers.Add(word);
                }
                else
                {
                    core.Add(word);
                }
            }
        }

        // A kind word's own function ("engineer": engineering) counts only when no other word names one,
        // so a "Sales Engineer" works in sales and a "Recruiter" in people.
        var functions = new SortedSet<string>(StringComparer.Ordinal);
        var kindFunctions = new SortedSet<string>(StringComparer.Ordinal);
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var word in core)
        {
            var isKind = _kinds.TryGetValue(word, out var kind);
            if (isKind)
            {
                kinds.Add(kind!);
            }

            if (_functions.TryGetValue(word, out var function))
            {
                (isKind ? kindFunctions : functions).Add(function);
            }
        }

        if (functions.Count == 0)
        {
            functions = kindFunctions;
        }

        return new TitleProfile([.. core], string.Join(' ', core), [.. seniority], [.. markers], [.. functions], [.. kinds]);
    }

    /// <summary>Compares two title profiles; <paramref name="reasons"/> holds what the caller already knows (the company).</summary>
    internal OpeningMatchResult Compare(TitleProfile role, TitleProfile opening, List<string> reasons)
    {
        var roleWords = role.AllWords.ToHashSet(StringComparer.Ordinal);
        var openingWords = opening.AllWords.ToHashSet(StringComparer.Ordinal);
        string[] matched = [.. roleWords.Where(openingWords.Contains).Order(StringComparer.Ordinal)];
        string[] roleOnly = [.. roleWords.Where(w => !openingWords.Contains(w)).Order(StringComparer.Ordinal)];
        string[] openingOnly = [.. openingWords.Where(w => !roleWords.Contains(w)).Order(StringComparer.Ordinal)];
        if (matched.Length > 0)
        {
            reasons.Add("words in both titles: " + string.Join(", ", matched));
        }

        if (roleOnly.Length + openingOnly.Length > 0)
        {
            reasons.Add($"words that differ: {List(roleOnly)} in the role, {List(openingOnly)} in the opening");
        }

        if (role.Core.Length == 0 || opening.Core.Length == 0)
        {
            reasons.Add("a title has no words left to compare once normalised");
            return new OpeningMatchResult(null, 0, matched, roleOnly, openingOnly, reasons);
        }

        var sameFunction = Agree(role.Functions, opening.Functions);
        var sameKind = Agree(role.Kinds, opening.Kinds);
        reasons.Add(sameFunction ? $"same function ({List(role.Functions)})" : $"different function: {List(role.Functions)} and {List(opening.Functions)}");
        reasons.Add(sameKind ? $"same kind of role ({List(role.Kinds)})" : $"different kind of role: {List(role.Kinds)} and {List(opening.Kinds)}");

        var sameSeniority = role.Seniority.SequenceEqual(opening.Seniority, StringComparer.Ordinal);
        var sameMarkers = role.Markers.SequenceEqual(opening.Markers, StringComparer.Ordinal);
        if (!sameSeniority)
        {
            reasons.Add($"seniority differs: {List(role.Seniority)} and {List(opening.Seniority)}");
        }

        if (!sameMarkers)
        {
            reasons.Add($"level marker differs: {List(role.Markers)} and {List(opening.Markers)}");
        }

        if (!sameFunction || !sameKind)
        {
            return new OpeningMatchResult(null, 0, matched, roleOnly, openingOnly, reasons);
        }

        var sort = Fuzz.TokenSortRatio(role.CoreText, opening.CoreText, PreprocessMode.None);
        if (sort >= _reopened && sameSeniority && sameMarkers)
        {
            reasons.Add($"the same role: title similarity {sort} (token sort) is at least {_reopened}");
            return new OpeningMatchResult(OpeningMatch.Reopened, sort, matched, roleOnly, openingOnly, reasons);
        }

        var set = Fuzz.TokenSetRatio(role.CoreText, opening.CoreText, PreprocessMode.None);
        if (set >= _similar)
        {
            reasons.Add($"a similar role: title similarity {set} (token set) is at least {_similar}");
            return new OpeningMatchResult(OpeningMatch.Similar, set, matched, roleOnly, openingOnly, reasons);
        }

        reasons.Add($"titles too far apart: similarity {set} (token set) is below {_similar}");
        return new OpeningMatchResult(null, set, matched, roleOnly, openingOnly, reasons);
    }

    /// <summary>Makes a repost only similar when the opening names a job level other than the case's.</summary>
    internal static OpeningMatchResult WithLevel(OpeningMatchResult result, JobLevel caseLevel, JobLevel? openingLevel)
    {
        if (result.Match != OpeningMatch.Reopened || openingLevel is not { IsEmpty: false } level || level.Equals(caseLevel))
        {
            return result;
        }

        return result with
        {
            Match = OpeningMatch.Similar,
            Reasons = [.. result.Reasons, $"job level differs: {caseLevel.Name} and {level.Name}, so a similar role rather than the same one"],
        };
    }

    /// <summary>
    /// Splits text into lower-case words without accents: letters and digits are kept, everything else
    /// separates words. Case is folded through upper case and back, so a title and its upper-case form agree.
    /// </summary>
    internal static string[] Words(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(char.ToUpperInvariant(c)) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool IsLevelMarker(string word)
    {
        if (RomanNumerals.Contains(word))
        {
            return true;
        }

        // A bare number (1 or 2 digits) or one or two letters and a number: 3, L5, IC4, E6.
        var letters = 0;
        while (letters < word.Length && char.IsAsciiLetterLower(word[letters]))
        {
            letters++;
        }

        var digits = word.Length - letters;
        return letters <= 2 && digits is 1 or 2 && word.AsSpan(letters).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private static bool Agree(string[] a, string[] b) => (a.Length == 0 && b.Length == 0) || a.Intersect(b, StringComparer.Ordinal).Any();

    private static string List(string[] words) => words.Length == 0 ? "(none)" : string.Join(", ", words);

    private static string Word(string? text, string list)
    {
        var words = text is null ? [] : Words(text);
        return words.Length == 1 ? words[0] : throw new ArgumentException($"{list}: '{text}' must be one word of letters or digits.");
    }
}
