using System.Text.RegularExpressions;

namespace SecondChance.Notes;

/// <summary>
/// Finds the "[ADD ...]" prompts a drafted note holds until the candidate replaces them, in one pass:
/// a prompt runs from <c>[ADD</c> to the first <c>]</c> before the next prompt starts; one never closed
/// runs to the end of its line and is a prompt all the same. Each character is looked at a bounded
/// number of times, so a note of many unclosed prompts costs no more than its length.
/// </summary>
internal static partial class NotePrompts
{
    /// <summary>Returns the prompts in <paramref name="text"/>, in order, as offset and length.</summary>
    public static List<(int Index, int Length)> Find(string text)
    {
        var starts = new List<int>();
        foreach (var m in StartPattern().EnumerateMatches(text))
        {
            starts.Add(m.Index);
        }

        var prompts = new List<(int Index, int Length)>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            var start = starts[i];
            var limit = i + 1 < starts.Count ? starts[i + 1] : text.Length;
            var span = text.AsSpan(start, limit - start);
            var close = span.IndexOf(']');
            if (close >= 0)
            {
                prompts.Add((start, close + 1));
                continue;
            }

            var lineEnd = span.IndexOfAny('\n', '\r');
            prompts.Add((start, lineEnd >= 0 ? lineEnd : span.Length));
        }

        return prompts;
    }

    /// <summary>Returns the first prompt's text, or <see langword="null"/> when there is none.</summary>
    public static string? First(string text)
    {
        var prompts = Find(text);
        return prompts.Count == 0 ? null : text.Substring(prompts[0].Index, prompts[0].Length);
    }

    [GeneratedRegex(@"\[\s*ADD\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StartPattern();
}
