using System.Text.RegularExpressions;

namespace SecondChance.Notes;

/// <summary>
/// A note split into lines and paragraphs, with the parts the checks look at: the subject line,
/// the salutation, the body paragraphs, the closing paragraph and the sign-off.
/// </summary>
internal sealed partial class NoteText
{
    private readonly List<(int Number, int Offset, string Text)> _lines = [];

    public NoteText(string text)
    {
        // Typographic apostrophes become straight ones, one character for one, so offsets stay true.
        Text = text.Replace('\u2019', '\'');
        var start = 0;
        var number = 1;
        for (var i = 0; i <= Text.Length; i++)
        {
            if (i == Text.Length || Text[i] == '\n' || Text[i] == '\r')
            {
                _lines.Add((number++, start, Text[start..i]));
                if (i < Text.Length - 1 && Text[i] == '\r' && Text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        var first = _lines.FindIndex(l => !string.IsNullOrWhiteSpace(l.Text));
        if (first >= 0 && _lines[first].Text.TrimStart().StartsWith("Subject:", StringComparison.OrdinalIgnoreCase))
        {
            SubjectLine = _lines[first].Number;
        }

        var paragraphs = new List<NoteParagraph>();
        var run = new List<(int Number, int Offset, string Text)>();
        foreach (var line in _lines)
        {
            if (string.IsNullOrWhiteSpace(line.Text) || line.Number == SubjectLine)
            {
                Flush(run, paragraphs);
            }
            else
            {
                run.Add(line);
            }
        }

        Flush(run, paragraphs);
        Paragraphs = paragraphs;

        var from = paragraphs.Count > 1 && IsSalutation(paragraphs[0]) ? 1 : 0;
        var to = paragraphs.Count;
        while (to > from + 1 && IsSignOff(paragraphs[to - 1]))
        {
            to--;
        }

        Body = paragraphs.GetRange(from, to - from);
        Close = Body.Count > 0 ? Body[^1] : null;
        var bodyStart = SubjectLine is { } s ? _lines[s - 1].Offset + _lines[s - 1].Text.Length : 0;
        WordCount = CountedWordPattern().Count(Text[bodyStart..]);
    }

    public string Text { get; }

    /// <summary>Gets the number of the "Subject:" line, when the note starts with one.</summary>
    public int? SubjectLine { get; }

    public IReadOnlyList<NoteParagraph> Paragraphs { get; }

    /// <summary>Gets the paragraphs between the salutation and the sign-off.</summary>
    public IReadOnlyList<NoteParagraph> Body { get; }

    /// <summary>Gets the last body paragraph, which states the candidate's interest.</summary>
    public NoteParagraph? Close { get; }

    /// <summary>Gets the number of words outside the subject line.</summary>
    public int WordCount { get; }

    /// <summary>Gets the number of the line holding <paramref name="offset"/>: a binary search over the lines' start offsets.</summary>
    public int LineAt(int offset)
    {
        // The last line starting at or before the offset; lines are in offset order.
        int low = 0, high = _lines.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (_lines[mid].Offset <= offset)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found < 0 ? 1 : _lines[found].Number;
    }

    /// <summary>Gets whether the note has a "Subject:" line at <paramref name="offset"/>.</summary>
    public bool InSubject(int offset) => SubjectLine is { } s && LineAt(offset) == s;

    private static void Flush(List<(int Number, int Offset, string Text)> run, List<NoteParagraph> paragraphs)
    {
        if (run.Count == 0)
        {
            return;
        }

        paragraphs.Add(new NoteParagraph(run[0].Number, run[^1].Number, run[0].Offset, run.Select(l => l.Text.Trim()).ToArray()));
        run.Clear();
    }

    // "Dear Pat," or "Hello Pat:" on a line of its own.
    private static bool IsSalutation(NoteParagraph p) =>
        p.StartLine == p.EndLine && (p.Text.EndsWith(',') || p.Text.EndsWith(':')) && CountedWordPattern().Count(p.Text) <= 8;

    // "Best regards,\nAlex" or a name on its own: short lines that end no sentence.
    private static bool IsSignOff(NoteParagraph p) =>
        p.EndLine - p.StartLine < 3
        && p.Lines.All(l => CountedWordPattern().Count(l) <= 5 && !l.EndsWith('.') && !l.EndsWith('!') && !l.EndsWith('?'));

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex CountedWordPattern();
}

/// <summary>A run of non-blank lines.</summary>
/// <param name="StartLine">Its first line's number.</param>
/// <param name="EndLine">Its last line's number.</param>
/// <param name="Offset">The offset of its first line in the text.</param>
/// <param name="Lines">Its lines, trimmed.</param>
internal sealed record NoteParagraph(int StartLine, int EndLine, int Offset, IReadOnlyList<string> Lines)
{
    /// <summary>Gets its lines joined with single spaces.</summary>
    public string Text { get; } = string.Join(' ', Lines);

    /// <summary>Gets its first line.</summary>
    public string FirstLine => Lines[0];
}
