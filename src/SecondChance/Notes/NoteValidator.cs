using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;
using SecondChance.Cases;

namespace SecondChance.Notes;

/// <summary>
/// The FluentValidation validator behind <see cref="NoteChecker"/>: checks a note against the
/// playbook's steps 5 and 6 and the case's recorded gaps. Each failure carries its
/// <see cref="NoteFinding"/> in <see cref="ValidationFailure.CustomState"/>, its
/// <see cref="NoteFindingCode"/> name in <see cref="ValidationFailure.ErrorCode"/> and a matching
/// <see cref="ValidationFailure.Severity"/>.
/// </summary>
/// <remarks>
/// The rules, in order: thanks somewhere in the note; each recorded gap answered by a paragraph
/// (at least half of the gap's keywords, see <see cref="NoteGuidelines.GapKeywords"/>, share a
/// <see cref="NoteGuidelines.Stem"/> with that paragraph's words; words of the candidate's, company's,
/// role's and contact's names do not count); that paragraph holds a number, a size or a result once
/// the quoted gap is taken out (not checked while it still holds a prompt); the closing paragraph
/// states continued interest and openness; no argumentative or defensive phrase; the word limit for
/// the channel; no "[ADD ...]" prompt left. Stateless and thread-safe: share one instance.
/// </remarks>
internal sealed partial class NoteValidator : AbstractValidator<NoteCheckContext>
{
    private const string ParsedKey = "SecondChance.Notes.NoteText";
    private const int ExcerptLength = 80;

    private static readonly Regex Thanks = NoteGuidelines.PhrasePattern(NoteGuidelines.ThanksPhrases);
    private static readonly Regex Interest = NoteGuidelines.PhrasePattern(NoteGuidelines.InterestPhrases);
    private static readonly Regex Openness = NoteGuidelines.PhrasePattern(NoteGuidelines.OpennessPhrases);
    private static readonly Regex Argumentative = NoteGuidelines.PhrasePattern(NoteGuidelines.ArgumentativePhrases);
    private static readonly Regex Defensive = NoteGuidelines.PhrasePattern(NoteGuidelines.DefensivePhrases);
    private static readonly Regex NumberWords = NoteGuidelines.PhrasePattern(NoteGuidelines.NumberWords);
    private static readonly Regex ResultWords = NoteGuidelines.PhrasePattern(NoteGuidelines.ResultWords);

    /// <summary>Creates the validator with the rules of <see cref="NoteGuidelines"/>.</summary>
    public NoteValidator()
    {
        RuleFor(n => n.Text).NotNull();
        RuleFor(n => n.Case).NotNull();
        RuleFor(n => n.Text).Custom((_, ctx) => CheckThanks(ctx)).When(n => n.Text is not null);
        RuleFor(n => n.Text).Custom((_, ctx) => CheckGaps(ctx)).When(n => n.Text is not null && n.Case is not null);
        RuleFor(n => n.Text).Custom((_, ctx) => CheckClose(ctx)).When(n => n.Text is not null);
        RuleFor(n => n.Text).Custom((_, ctx) => CheckTone(ctx)).When(n => n.Text is not null);
        RuleFor(n => n.Text).Custom((_, ctx) => CheckLength(ctx)).When(n => n.Text is not null);
        RuleFor(n => n.Text).Custom((_, ctx) => CheckPrompts(ctx)).When(n => n.Text is not null);
    }

    [GeneratedRegex(@"\[\s*ADD\b[^\]]*\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex PromptPattern();

    [GeneratedRegex(@"[\p{N}%$€£¥]", RegexOptions.CultureInvariant)]
    private static partial Regex DigitOrSign();

    private static NoteText Parsed(ValidationContext<NoteCheckContext> ctx)
    {
        if (!ctx.RootContextData.TryGetValue(ParsedKey, out var parsed))
        {
            parsed = new NoteText(ctx.InstanceToValidate.Text);
            ctx.RootContextData[ParsedKey] = parsed;
        }

        return (NoteText)parsed;
    }

    private static void Add(ValidationContext<NoteCheckContext> ctx, NoteFinding finding) =>
        ctx.AddFailure(new ValidationFailure(nameof(NoteCheckContext.Text), finding.Reason)
        {
            ErrorCode = finding.Code.ToString(),
            Severity = finding.Severity == NoteSeverity.Error ? Severity.Error : Severity.Warning,
            CustomState = finding,
        });

    private static void CheckThanks(ValidationContext<NoteCheckContext> ctx)
    {
        var note = Parsed(ctx);
        if (!Thanks.Matches(note.Text).Any(m => !note.InSubject(m.Index)))
        {
            Add(ctx, new NoteFinding(
                NoteSeverity.Error,
                NoteFindingCode.NoThanks,
                "The note never thanks them. Open by thanking them for the call and for being candid about where you fell short.",
                null,
                null));
        }
    }

    private static void CheckGaps(ValidationContext<NoteCheckContext> ctx)
    {
        var note = Parsed(ctx);
        var @case = ctx.InstanceToValidate.Case;
        var names = new HashSet<string>(
            new[] { @case.Candidate, @case.Company, @case.Role, @case.Contact?.Name }
                .Where(n => n is not null)
                .SelectMany(n => NoteGuidelines.Words(n!))
                .Select(NoteGuidelines.Stem),
            StringComparer.Ordinal);
        var paragraphs = note.Body.Count > 0 ? note.Body : note.Paragraphs;
        var paragraphStems = paragraphs
            .Select(p => new HashSet<string>(NoteGuidelines.Words(p.Text).Select(NoteGuidelines.Stem).Where(s => !names.Contains(s)), StringComparer.Ordinal))
            .ToArray();

        foreach (var gap in NoteDrafter.RecordedGaps(@case))
        {
            var keywords = NoteGuidelines.GapKeywords(gap).Where(k => !names.Contains(NoteGuidelines.Stem(k))).ToArray();
            var stems = keywords.Select(NoteGuidelines.Stem).Distinct(StringComparer.Ordinal).ToArray();
            if (stems.Length == 0)
            {
                continue; // Nothing distinctive to look for: the heuristic cannot judge this gap.
            }

            var needed = (stems.Length + 1) / 2;
            var best = -1;
            var bestScore = 0;
            for (var i = 0; i < paragraphs.Count; i++)
            {
                var score = stems.Count(paragraphStems[i].Contains);
                if (score > bestScore)
                {
                    (best, bestScore) = (i, score);
                }
            }

            if (bestScore < needed)
            {
                Add(ctx, new NoteFinding(
                    NoteSeverity.Error,
                    NoteFindingCode.GapNotAddressed,
                    string.Create(CultureInfo.InvariantCulture, $"No paragraph answers the gap \"{gap}\" (looked for: {string.Join(", ", keywords)}). Add a short paragraph that answers it with an example."),
                    null,
                    null));
                continue;
            }

            var paragraph = paragraphs[best];
            var withoutGap = paragraph.Text.Replace(gap, " ", StringComparison.OrdinalIgnoreCase);
            if (!PromptPattern().IsMatch(paragraph.Text) && !IsConcrete(withoutGap))
            {
                Add(ctx, new NoteFinding(
                    NoteSeverity.Warning,
                    NoteFindingCode.GapWithoutExample,
                    $"The paragraph on \"{gap}\" has no concrete example. Add a number, a size or a result that shows what you did.",
                    paragraph.StartLine,
                    Shorten(paragraph.FirstLine),
                    paragraph.Offset));
            }
        }
    }

    private static void CheckClose(ValidationContext<NoteCheckContext> ctx)
    {
        var close = Parsed(ctx).Close;
        if (close is null || !Interest.IsMatch(close.Text))
        {
            Add(ctx, new NoteFinding(
                NoteSeverity.Error,
                NoteFindingCode.NoContinuedInterest,
                "The closing paragraph does not say you are still interested. End by saying you remain interested in the position.",
                close?.StartLine,
                close is null ? null : Shorten(close.FirstLine),
                close?.Offset));
        }

        if (close is null || !Openness.IsMatch(close.Text))
        {
            Add(ctx, new NoteFinding(
                NoteSeverity.Warning,
                NoteFindingCode.NoOpenness,
                "The closing paragraph does not say you are open to talk if anything changes. Add a sentence that leaves the door open.",
                close?.StartLine,
                close is null ? null : Shorten(close.FirstLine),
                close?.Offset));
        }
    }

    private static void CheckTone(ValidationContext<NoteCheckContext> ctx)
    {
        AddEachMatch(ctx, Argumentative, NoteSeverity.Error, NoteFindingCode.Argumentative,
            "argues with their decision. The playbook says never to argue at this stage: let an example make your case.");
        AddEachMatch(ctx, Defensive, NoteSeverity.Warning, NoteFindingCode.Defensive,
            "sounds defensive. State your case calmly and let the example speak for you.");
    }

    /// <summary>Adds one finding per match of <paramref name="pattern"/>: the quoted words, then <paramref name="says"/>.</summary>
    private static void AddEachMatch(ValidationContext<NoteCheckContext> ctx, Regex pattern, NoteSeverity severity, NoteFindingCode code, string says)
    {
        var note = Parsed(ctx);
        foreach (Match m in pattern.Matches(note.Text))
        {
            Add(ctx, new NoteFinding(severity, code, $"\"{m.Value}\" {says}", note.LineAt(m.Index), m.Value, m.Index));
        }
    }

    private static void CheckLength(ValidationContext<NoteCheckContext> ctx)
    {
        var note = Parsed(ctx);
        var channel = ctx.InstanceToValidate.Channel;
        var limit = NoteGuidelines.WordLimit(channel);
        if (note.WordCount > limit)
        {
            Add(ctx, new NoteFinding(
                NoteSeverity.Warning,
                NoteFindingCode.TooLong,
                string.Create(CultureInfo.InvariantCulture, $"The note has {note.WordCount} words; a brief {channel.ToString().ToLowerInvariant()} stays within {limit}. Keep to one short paragraph per gap."),
                null,
                null));
        }
    }

    private static void CheckPrompts(ValidationContext<NoteCheckContext> ctx)
    {
        var note = Parsed(ctx);
        foreach (Match m in PromptPattern().Matches(note.Text))
        {
            Add(ctx, new NoteFinding(
                NoteSeverity.Error,
                NoteFindingCode.UnfilledPrompt,
                "This prompt is still in the note. Replace it with your own example before sending.",
                note.LineAt(m.Index),
                Shorten(m.Value),
                m.Index));
        }
    }

    private static bool IsConcrete(string text) =>
        DigitOrSign().IsMatch(text) || NumberWords.IsMatch(text) || ResultWords.IsMatch(text);

    private static string Shorten(string text)
    {
        if (text.Length <= ExcerptLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', ExcerptLength - 1);
        return string.Concat(text.AsSpan(0, cut > 20 ? cut : ExcerptLength - 1), "...");
    }
}
