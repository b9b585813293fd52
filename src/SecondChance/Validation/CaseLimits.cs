using System.Runtime.CompilerServices;
using NodaTime;
using SecondChance.Cases;

namespace SecondChance.Validation;

/// <summary>The limits a valid case keeps to, shared by the validator and the engine's fast check.</summary>
public static class CaseLimits
{
    /// <summary>The maximum length of a name (candidate, company, role, contact), in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The maximum length of one recorded gap, in characters.</summary>
    public const int MaxGapLength = 500;

    /// <summary>The maximum number of gaps in one feedback event.</summary>
    public const int MaxGaps = 50;

    /// <summary>
    /// The maximum number of events in one case. A runner-up case holds a few dozen at most; the limit keeps
    /// a hostile document from making a plan or a calendar export replay an unbounded history.
    /// </summary>
    public const int MaxEvents = 1000;

    /// <summary>The maximum length of an email address, in characters.</summary>
    public const int MaxEmailLength = 254;

    /// <summary>The maximum length of a web address (an opening's <c>url</c>), in characters.</summary>
    public const int MaxUrlLength = 2000;

    /// <summary>
    /// Gets whether <paramref name="value"/> is a usable web address: <c>http://</c> or <c>https://</c> (any
    /// letter case), then a host of ASCII letters, digits, dots and hyphens that neither starts nor ends with a dot,
    /// an optional port, and the rest without white space or control characters; at most <see cref="MaxUrlLength"/> characters.
    /// </summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    /// <remarks>Allocates nothing, so the engine can check an opening's address on every decision.</remarks>
    public static bool IsValidUrl(string? value)
    {
        if (value is not { Length: > 0 and <= MaxUrlLength })
        {
            return false;
        }

        var text = value.AsSpan();
        int start;
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            start = 8;
        }
        else if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            start = 7;
        }
        else
        {
            return false;
        }

        var rest = text[start..];
        var end = rest.IndexOfAny('/', '?', '#');
        var authority = end < 0 ? rest : rest[..end];
        var colon = authority.IndexOf(':');
        var host = colon < 0 ? authority : authority[..colon];
        var port = colon < 0 ? ReadOnlySpan<char>.Empty : authority[(colon + 1)..];
        if (host.IsEmpty || host[0] == '.' || host[^1] == '.' || host[0] == '-' || host.Contains("..", StringComparison.Ordinal)
            || host.IndexOfAnyExcept(HostCharacters) >= 0
            || (colon >= 0 && (port.IsEmpty || port.Length > 5 || !IsAsciiDigits(port))))
        {
            return false;
        }

        return HasNoSpaceOrControl(text);
    }

    private static readonly System.Buffers.SearchValues<char> HostCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");


    /// <summary>
    /// Gets the earliest date a case may hold (an event, a respond-by date) or be decided on: 1900-01-01.
    /// With <see cref="LatestDate"/> it keeps every due date, window and calendar entry the rules can
    /// compute far inside the calendar, so no date arithmetic can overflow.
    /// </summary>
    public static LocalDate EarliestDate { get; } = new(1900, 1, 1);

    /// <summary>Gets the latest date a case may hold or be decided on: 2999-12-31.</summary>
    public static LocalDate LatestDate { get; } = new(2999, 12, 31);

    /// <summary>Gets whether <paramref name="date"/> is from <see cref="EarliestDate"/> to <see cref="LatestDate"/>.</summary>
    /// <param name="date">The date to check.</param>
    /// <returns><see langword="true"/> when it is in range.</returns>
    public static bool IsInDateRange(LocalDate date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>
    /// Gets whether <paramref name="value"/> is a usable name: at most <see cref="MaxNameLength"/> characters,
    /// at least one of them visible (not white space, a control character or a zero-width format character).
    /// </summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsValidName(string? value) =>
        value is { Length: > 0 and <= MaxNameLength } && (IsPrintableAscii(value[0]) || HasVisibleCharacter(value));

    /// <summary>Gets whether <paramref name="value"/> is a usable gap: at most <see cref="MaxGapLength"/> characters, at least one of them visible.</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsValidGap(string? value) =>
        value is { Length: > 0 and <= MaxGapLength } && (IsPrintableAscii(value[0]) || HasVisibleCharacter(value));

    /// <summary>
    /// Gets whether <paramref name="value"/> looks like an email address: one <c>@</c> with text on both
    /// sides, a dot in the domain that neither starts nor ends it, no white space, at most 254 characters.
    /// </summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public static bool IsValidEmail(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxEmailLength)
        {
            return false;
        }

        var text = value.AsSpan();
        var at = text.IndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text[(at + 1)..].Contains('@'))
        {
            return false;
        }

        if (!HasNoSpaceOrControl(text))
        {
            return false;
        }

        var domain = text[(at + 1)..];
        var dot = domain.IndexOf('.');
        return dot > 0 && domain[^1] != '.' && !domain.Contains("..", StringComparison.Ordinal);
    }

    // One plain pass shared by the email and url checks: printable ASCII other than the space is neither
    // white space nor a control character. (IndexOfAnyExceptInRange allocates on each call here, which a sweep must not.)
    private static bool HasNoSpaceOrControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsPrintableAscii(c) && (char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPrintableAscii(char c) => c is > ' ' and < '\u007f';

    /// <summary>Gets whether <paramref name="value"/> has a character that shows: not white space, not a control character, not a format character such as U+200B.</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when it has one.</returns>
    public static bool HasVisibleCharacter(string? value)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (IsPrintableAscii(c))
            {
                return true;
            }

            if (c > '\u007f' && !char.IsWhiteSpace(c) && !char.IsControl(c)
                && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks the names and the contact of a case without building messages; gap lists are checked as the events are folded.</summary>
    internal static bool TextLooksValid(RunnerUpCase c)
    {
        if (!IsValidName(c.Candidate) || !IsValidName(c.Company) || !IsValidName(c.Role)
            || (c.CandidateEmail is not null && !IsValidEmail(c.CandidateEmail)))
        {
            return false;
        }

        return c.Contact is not { } contact || (IsValidName(contact.Name) && (contact.Email is null || IsValidEmail(contact.Email)));
    }

    /// <summary>Checks an opening event's fields without building messages: a usable title, a known match and, when given, a usable url.</summary>
    internal static bool OpeningLooksValid(OpeningSeen opening) =>
        IsValidName(opening.Title) && (uint)opening.Match <= (uint)OpeningMatch.Similar && (opening.Url is null || IsValidUrl(opening.Url));

    /// <summary>Checks one feedback event's gap list without building messages, and counts its gaps.</summary>
    internal static bool GapsLookValid(IReadOnlyList<string>? gaps, out int count)
    {
        count = gaps?.Count ?? 0;
        if (gaps is null || count > MaxGaps)
        {
            return false;
        }

        var valid = true;
        if (gaps is string[] array)
        {
            // The usual shape: an array of a few short texts, read without an interface call per gap.
            foreach (var gap in array)
            {
                valid &= IsValidGap(gap);
            }

            return valid;
        }

        for (var j = 0; j < count; j++)
        {
            valid &= IsValidGap(gaps[j]);
        }

        return valid;
    }
}
