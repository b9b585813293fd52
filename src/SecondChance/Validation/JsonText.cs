using System.Text.Json;
using SecondChance.Validation;

namespace SecondChance.Validation;

/// <summary>
/// Finds strings in parsed JSON that are not text: JSON may escape half of a UTF-16 surrogate pair
/// (<c>"\ud800"</c>), which parses but cannot be read as a string (reading it throws). Checking the
/// whole element once up front lets every reader after it read strings safely.
/// </summary>
internal static class JsonText
{
    /// <summary>The message for such a string.</summary>
    public const string Message = "is not valid Unicode text: it holds half of a surrogate pair (such as \\ud800)";

    /// <summary>Returns an error at the first string value or member name that is not valid text, or null.</summary>
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

                    if (FindInvalid(property.Value, path == "$" ? name : $"{path}.{name}") is { } error)
                    {
                        return error;
                    }
                }

                return null;
            default:
                return null;
        }
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
