using System.Collections.Concurrent;
using SecondChance.Cases;

namespace SecondChance.Openings;

/// <summary>
/// Open cases indexed for the opening watch: grouped by normalised company, and within a company by
/// role, so an opening is compared only with the roles at its own company, and each distinct role once.
/// Matching 10,000 openings against a million cases compares thousands of titles, not ten billion pairs.
/// Immutable once built and thread-safe; build a new one when cases change.
/// </summary>
/// <remarks>
/// A case is open when its history starts with <see cref="Notified"/> and holds no <see cref="Closed"/>
/// and no <see cref="OfferReceived"/>; other cases are left out. An opening posted before a case's latest
/// event is old news to that case and skipped, and so is one the case already records (same address,
/// or same title and date).
/// </remarks>
public sealed class OpeningIndex
{
    private readonly IReadOnlyList<RunnerUpCase> _cases;
    // Verdicts on (role, opening title) pairs, which repeat across companies: comparing titles is a pure
    // function of the two, so a board's thousands of openings against the same few hundred titles compare each pair once.
    private const int MaxRemembered = 1 << 16;

    private readonly Dictionary<string, RoleGroup[]> _byCompany;
    private readonly int[] _caseIndexes;
    private readonly ConcurrentDictionary<(string Role, string Title), OpeningMatchResult> _verdicts = new();
    private long _pairsCompared;

    /// <summary>Indexes the open cases among <paramref name="cases"/>.</summary>
    /// <param name="cases">The cases; <see cref="OpeningCandidate.Index"/> is a position in this sequence.</param>
    /// <param name="matcher">The matcher; <see cref="OpeningMatcher.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cases"/> is <see langword="null"/>.</exception>
    public OpeningIndex(IEnumerable<RunnerUpCase> cases, OpeningMatcher? matcher = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        Matcher = matcher ?? OpeningMatcher.Default;
        _cases = cases as IReadOnlyList<RunnerUpCase> ?? cases.ToArray();

        // Company names and roles repeat across cases: each distinct spelling is normalised once. Open
        // cases are numbered by company and role, sorted by the pair, and each run of one pair becomes a
        // role group: a few arrays for a million cases instead of a list per group.
        var companyIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var companyKeys = new List<string>();
        var roleIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var roles = new List<(string Role, TitleProfile Profile)>();
        var pairs = new long[_cases.Count];
        var indexes = new int[_cases.Count];
        var open = 0;
        for (var i = 0; i < _cases.Count; i++)
        {
            var c = _cases[i];
            if (c?.Company is null || c.Role is null || !IsOpen(c))
            {
                continue;
            }

            if (!companyIds.TryGetValue(c.Company, out var companyId))
            {
                var key = Matcher.CompanyKey(c.Company);
                if (!keyIds.TryGetValue(key, out companyId))
                {
                    companyId = key.Length == 0 ? -1 : companyKeys.Count;
                    if (companyId >= 0)
                    {
                        keyIds.Add(key, companyId);
                        companyKeys.Add(key);
                    }
                }

                companyIds.Add(c.Company, companyId);
            }

            if (companyId < 0)
            {
                continue;
            }

            if (!roleIds.TryGetValue(c.Role, out var roleId))
            {
                roleId = roles.Count;
                roleIds.Add(c.Role, roleId);
                roles.Add((c.Role, Matcher.Profile(c.Role)));
            }

            pairs[open] = ((long)companyId << 32) | (uint)roleId;
            indexes[open] = i;
            open++;
        }

        Array.Sort(pairs, indexes, 0, open);
        Count = open;
        _caseIndexes = indexes[..open];
        _byCompany = new Dictionary<string, RoleGroup[]>(companyKeys.Count, StringComparer.Ordinal);
        var groups = new List<RoleGroup>();
        for (var start = 0; start < open;)
        {
            var company = (int)(pairs[start] >> 32);
            groups.Clear();
            var at = start;
            while (at < open && (int)(pairs[at] >> 32) == company)
            {
                var pair = pairs[at];
                var from = at;
                while (at < open && pairs[at] == pair)
                {
                    at++;
                }

                var role = roles[(int)(uint)pair];
                groups.Add(new RoleGroup(role.Role, role.Profile, from, at - from));
            }

            _byCompany.Add(companyKeys[company], [.. groups]);
            start = at;
        }
    }

    /// <summary>Gets the matcher the index compares with.</summary>
    public OpeningMatcher Matcher { get; }

    /// <summary>Gets how many open cases the index holds.</summary>
    public int Count { get; }

    /// <summary>Gets how many distinct companies the open cases name.</summary>
    public int CompanyCount => _byCompany.Count;

    /// <summary>Gets how many title comparisons the index has made so far (one per distinct role at an opening's company).</summary>
    public long PairsCompared => Interlocked.Read(ref _pairsCompared);

    /// <summary>Gets whether a case is open to the watch: notified, not closed, no offer.</summary>
    /// <param name="case">The case.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public static bool IsOpen(RunnerUpCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var events = @case.Events;
        if (events is null || events.Count == 0 || events[0] is not Notified)
        {
            return false;
        }

        for (var i = 1; i < events.Count; i++)
        {
            if (events[i] is Closed or OfferReceived)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Finds the open cases <paramref name="opening"/> matches, in the order they were indexed.</summary>
    /// <param name="opening">The opening.</param>
    /// <param name="includeRecorded">
    /// Whether to return the cases that already record this opening too (with <see cref="OpeningCandidate.AlreadyRecorded"/>
    /// set), so a host can answer a repeated request as it answered the first.
    /// </param>
    /// <returns>The matched cases with their verdicts; empty when none match.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="opening"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<OpeningCandidate> Match(JobOpening opening, bool includeRecorded = false)
    {
        ArgumentNullException.ThrowIfNull(opening);
        var company = Matcher.CompanyKey(opening.Company ?? string.Empty);
        if (company.Length == 0 || !_byCompany.TryGetValue(company, out var roles))
        {
            return Array.Empty<OpeningCandidate>();
        }

        var titleText = opening.Title ?? string.Empty;
        TitleProfile? title = null;
        List<OpeningCandidate>? found = null;
        foreach (var role in roles)
        {
            if (!_verdicts.TryGetValue((role.Role, titleText), out var verdict))
            {
                verdict = Matcher.Compare(role.Profile, title ??= Matcher.Profile(titleText), []);
                if (_verdicts.Count < MaxRemembered)
                {
                    _verdicts.TryAdd((role.Role, titleText), verdict);
                }
            }

            if (!verdict.IsMatch)
            {
                continue;
            }

            var result = verdict with { Reasons = [$"same company: '{company}'", .. verdict.Reasons] };

            foreach (var index in _caseIndexes.AsSpan(role.Start, role.Length))
            {
                var c = _cases[index];
                var recorded = AlreadyRecorded(c, opening);
                if ((recorded && !includeRecorded) || (!recorded && c.Events[^1].On > opening.PostedOn))
                {
                    continue;
                }

                (found ??= []).Add(new OpeningCandidate(index, c, opening, OpeningMatcher.WithLevel(result, c.Level, opening.Level), recorded));
            }
        }

        Interlocked.Add(ref _pairsCompared, roles.Length);
        return found is null ? Array.Empty<OpeningCandidate>() : found.OrderBy(f => f.Index).ToArray();
    }

    private static bool AlreadyRecorded(RunnerUpCase c, JobOpening opening)
    {
        foreach (var e in c.Events)
        {
            if (e is OpeningSeen seen
                && ((opening.Url is not null && string.Equals(seen.Url, opening.Url, StringComparison.Ordinal))
                    || (seen.On == opening.PostedOn && string.Equals(seen.Title, opening.Title, StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record RoleGroup(string Role, TitleProfile Profile, int Start, int Length);
}
