namespace SecondChance.Validation;

/// <summary>
/// How the library reads and quotes the text a user typed: enum names (case-insensitive, names only,
/// never numbers) and excerpts of long values for error messages. Hosts use it so that their own
/// messages read like the library's.
/// </summary>
public static class CaseText
{
    /// <summary>The longest excerpt of a value quoted in an error message, in characters.</summary>
    public const int MaxExcerptLength = 60;

    /// <summary>Returns <paramref name="value"/> cut to <see cref="MaxExcerptLength"/> characters, with "..." when it was cut.</summary>
    /// <param name="value">The text to quote.</param>
    /// <returns>The excerpt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static string Excerpt(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > MaxExcerptLength ? value[..MaxExcerptLength] + "..." : value;
    }

    /// <summary>Reads the name of a member of <typeparamref name="TEnum"/>, ignoring letter case; numbers and undefined values are refused.</summary>
    /// <typeparam name="TEnum">The enum, such as <see cref="Cases.NoteChannel"/>.</typeparam>
    /// <param name="text">The name.</param>
    /// <param name="value">The member, when the name is one.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> names a member.</returns>
    public static bool TryParseName<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        if (!string.IsNullOrEmpty(text) && !char.IsDigit(text.TrimStart('-', '+', ' ').FirstOrDefault('x'))
            && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Reads the name of a member of <typeparamref name="TEnum"/> for the field <paramref name="field"/>, with the error a user sees when it is not one.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <param name="field">The field's path, such as <c>channel</c>.</param>
    /// <param name="text">The name.</param>
    /// <param name="noun">What a member is called in the message, such as <c>channel</c>.</param>
    /// <param name="value">The member, when the name is one.</param>
    /// <returns><see langword="null"/> when <paramref name="text"/> names a member; else the error, listing the names.</returns>
    public static CaseError? ParseName<TEnum>(string field, string? text, string noun, out TEnum value)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(noun);
        return TryParseName(text, out value)
            ? null
            : new CaseError(field, $"'{Excerpt(text ?? string.Empty)}' is not a known {noun}; use one of {Names<TEnum>()}");
    }

    /// <summary>Lists the names of <typeparamref name="TEnum"/>'s members, separated by commas.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <returns>The names, such as <c>Email, Card, Letter</c>.</returns>
    public static string Names<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());
}
