using System.Text.Json;
using SecondChance.Validation;

namespace SecondChance.Validation;

/// <summary>
/// Finds what parsed JSON may hold but no reader here can read safely: strings that are not text
/// (JSON may escape half of a UTF-16 surrogate pair, <c>"\ud800"</c>, which parses but throws when
/// read), and an object holding one member twice, exactly or in another letter case
/// (<c>"Expression"</c> and <c>"expression"</c>): members are found ignoring case, so one of the two
/// would be checked and the other silently dropped. Checking the whole element once up front lets
/// every reader after it read strings safely and find each member once.
/// </summary>
internal static class JsonText
{
    /// <summary>The message for such a string.</summary>
    public const string Message = "is not valid Unicode text: it holds half of a surrogate pair (such as \\ud800)";

    /// <summary>Returns an error at the first string value or member name that is not valid text, or at the first repeated member, or null.</summary>
    public static CaseError? FindInvalid(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(element) ? null : new CaseError(path, Message);
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalid(item, $"{path}[{i++}]") is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case JsonValueKind.Object:
                Seen? seen = null;
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return new CaseError(path, "has a member whose name " + Message);
                    }

                    if (Repeated(ref seen, name) is { } first)
                    {
                        return new CaseError(
                            Child(path, name),
                            first == name
                                ? "is given more than once; give each member once"
                                : $"is given more than once (also as \"{first}\"); member names are read ignoring letter case, so give each once");
                    }

                    if (FindInvalid(property.Value, Child(path, name)) is { } error)
                    {
                        return error;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The path of member <paramref name="name"/>: <c>contact.name</c>, or <c>evidence["a gap"]</c> for a name that is not a plain word.</summary>
    private static string Child(string path, string name)
    {
        var plain = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        var member = plain ? name : $"[\"{name}\"]";
        return path == "$" ? member : plain ? $"{path}.{member}" : path + member;
    }

    /// <summary>Records <paramref name="name"/>; returns the earlier spelling when the object already has it in any letter case.</summary>
    /// <remarks>A short list for the usual small object; a set once an object grows, so a huge one stays linear.</remarks>
    private static string? Repeated(ref Seen? seen, string name)
    {
        seen ??= new Seen();
        if (seen.Set is { } set)
        {
            return set.TryGetValue(name, out var earlier) ? earlier : Add(set, name);
        }

        foreach (var earlier in seen.List)
        {
            if (string.Equals(earlier, name, StringComparison.OrdinalIgnoreCase))
            {
                return earlier;
            }
        }

        seen.List.Add(name);
        if (seen.List.Count > 8)
        {
            seen.Set = new HashSet<string>(seen.List, StringComparer.OrdinalIgnoreCase);
        }

        return null;

        static string? Add(HashSet<string> set, string name)
        {
            set.Add(name);
            return null;
        }
    }

    /// <summary>The member names of one object read so far.</summary>
    private sealed class Seen
    {
        public List<string> List { get; } = [];

        public HashSet<string>? Set { get; set; }
    }

    private static bool IsText(JsonElement value)
    {
        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
