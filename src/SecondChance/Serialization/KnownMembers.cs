using System.Text.Json;

namespace SecondChance.Serialization;

/// <summary>
/// Finds members of a JSON object that a contract does not define, and suggests the name that was
/// probably meant, so a typo (<c>respond_by</c> for <c>respondBy</c>) is an error instead of a silently
/// ignored field.
/// </summary>
internal static class KnownMembers
{
    /// <summary>Lists the members of <paramref name="obj"/> not in <paramref name="known"/> (compared ignoring letter case).</summary>
    /// <param name="obj">A JSON object.</param>
    /// <param name="known">The member names the contract defines.</param>
    /// <returns>Each unknown member's name and the message to report for it.</returns>
    public static IEnumerable<(string Name, string Message)> Unknown(JsonElement obj, IReadOnlyList<string> known)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Any(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return (property.Name, Message(property.Name, known));
            }
        }
    }

    /// <summary>The message for an unknown member: a suggestion when one name is close, otherwise the list of known names.</summary>
    public static string Message(string name, IReadOnlyList<string> known) => Suggest(name, known) is { } close
        ? $"unknown field; did you mean {close}?"
        : $"unknown field; the fields here are {string.Join(", ", known)}";

    /// <summary>Returns the known name <paramref name="name"/> was most likely meant to be, or <see langword="null"/>.</summary>
    public static string? Suggest(string name, IReadOnlyList<string> known)
    {
        var plain = Plain(name);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(plain, Plain(candidate));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Up to a third of the name may be wrong (at least one letter, at most three): close enough to be a typo.
        var allowed = Math.Clamp(plain.Length / 3, 1, 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Lower case without separators, so snake_case, kebab-case and camelCase spellings compare equal.</summary>
    private static string Plain(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    /// <summary>Levenshtein distance (names here are short; names over 64 characters are never close).</summary>
    private static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
