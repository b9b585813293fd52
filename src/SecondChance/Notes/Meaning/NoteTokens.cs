using System.Text.RegularExpressions;

namespace SecondChance.Notes;

/// <summary>A word of a text with its lemma and where it is.</summary>
/// <param name="Surface">The word as written.</param>
/// <param name="Lemma">Its lemma, in lower case.</param>
/// <param name="Start">Its offset in the text.</param>
/// <param name="Segment">The clause it is in: clauses end at . ! ? ; : and line breaks.</param>
/// <param name="FirstInSegment">Whether it opens its clause (so a capital letter says nothing).</param>
internal readonly record struct Token(string Surface, string Lemma, int Start, int Segment, bool FirstInSegment)
{
    public int End => Start + Surface.Length;

    public bool IsCapitalised => char.IsUpper(Surface[0]) && Surface.Length > 1;
}

/// <summary>Splits text into lemmatised words and clauses.</summary>
internal static partial class NoteTokens
{
    public static Token[] Tokenize(string text)
    {
        var result = new List<Token>();
        var segment = 0;
        var first = true;
        foreach (Match m in TokenOrBreak().Matches(text))
        {
            if (m.Groups["brk"].Success)
            {
                // "2.4" and "e.g." do not end a clause: a stop counts only before a space or the end.
                var after = m.Index + m.Length;
                if (after >= text.Length || char.IsWhiteSpace(text[after]) || text[after] is '"' or '\'' or ')')
                {
                    segment++;
                    first = true;
                }

                continue;
            }

            var surface = m.Value;
            var lower = surface.ToLowerInvariant();
            var lemma = Lemmatizer.Lemma(lower.EndsWith("'s", StringComparison.Ordinal) ? lower[..^2] : lower);
            result.Add(new Token(surface, lemma, m.Index, segment, first));
            first = false;
        }

        return result.ToArray();
    }

    /// <summary>The lemmas of a lexicon term; <c>*</c> stays as itself.</summary>
    public static string[] TermLemmas(string term) =>
        term.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(part => part == "*" ? ["*"] : Tokenize(Normalise(part)).Select(t => t.Lemma))
            .ToArray();

    /// <summary>Puts forms the tokenizer would split into one word, keeping every offset: P&amp;L becomes pnl, a typographic apostrophe a straight one.</summary>
    public static string Normalise(string text) => PAndL().Replace(text.Replace('\u2019', '\''), "pnl");

    [GeneratedRegex(@"(?<brk>[.!?;:\n\r]+)|[\p{L}\p{N}]+(?:'[\p{L}]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex TokenOrBreak();

    [GeneratedRegex(@"\bP&L\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PAndL();
}
