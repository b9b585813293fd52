using System.Text.Json;

namespace SecondChance.Serialization;

/// <summary>Reads members of JSON objects the way every document this library reads is read: names match regardless of case.</summary>
internal static class JsonMembers
{
    /// <summary>Finds the member <paramref name="name"/> of <paramref name="obj"/>, the exact spelling first; <see langword="null"/> when it is missing or <paramref name="obj"/> is not an object.</summary>
    public static JsonElement? Find(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (obj.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
