using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;
using SecondChance.Cases;
using SecondChance.Validation;

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
/// that speaks of the gap's concept as the candidate's own claim (an error when none does), with a
/// concrete example (a warning when it has none; not checked while it still holds a prompt), as
/// <see cref="GapJudge"/> judges it (the case's names do not count as examples); the closing paragraph
/// states continued interest and openness; no argumentative or defensive phrase; the word limit for
/// the channel; no "[ADD ...]" prompt left. Stateless and thread-safe: share one instance.
/// </remarks>
internal sealed partial class NoteValidator : AbstractValidator<NoteCheckContext>
{
    /// <summary>The key under which the gap judgements are left in the validation context's root data.</summary>
    internal const string GapsKey = "SecondChance.Notes.GapAnswers";

    private const string ParsedKey = "SecondChance.Notes.NoteText";

    private static readonly Regex Thanks = NoteGuidelines.PhrasePattern(NoteGuidelines.ThanksPhrases);
    private static readonly Regex Interest = NoteGuidelines.PhrasePattern(NoteGuidelines.InterestPhrases);
    private static readonly Regex Openness = NoteGuidelines.PhrasePattern(NoteGuidelines.OpennessPhrases);
    private static readonly Regex Argumentative = NoteGuidelines.PhrasePattern(NoteGuidelines.ArgumentativePhrases);
    private static readonly Regex Defensive = NoteGuidelines.PhrasePattern(NoteGuidelines.DefensivePhrases);

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
                .Select(Lemmatizer.Lemma),
            StringComparer.Ordinal);
        var paragraphs = note.Body.Count > 0 ? note.Body : note.Paragraphs;
        var texts = paragraphs.Select(p => (p.Text, (int?)p.StartLine)).ToArray();
        var answers = new List<GapAnswer>();

        foreach (var gap in NoteDrafter.RecordedGaps(@case))
        {
            if (!GapJudge.CanJudge(gap))
            {
                continue; // Nothing distinctive to look for: the judgement cannot decide this gap.
            }

            var answer = GapJudge.Judge(gap, texts, names);
            answers.Add(answer);
            if (answer.Verdict == GapVerdict.NotAnswered)
            {
                Add(ctx, new NoteFinding(
                    NoteSeverity.Error,
                    NoteFindingCode.GapNotAddressed,
                    answer.Concept is null
                        ? $"No paragraph answers the gap \"{gap}\" (looked for: {GapJudge.LookedFor(gap)}). Add a short paragraph that answers it with an example of your own."
                        : $"No paragraph answers the gap \"{gap}\": one mentions {answer.Concept} (\"{answer.Matched}\"), but not as something you did. Add a short paragraph that answers it with an example of your own.",
                    answer.Line,
                    answer.Excerpt,
                    answer.Line is { } l ? paragraphs.First(p => p.StartLine == l).Offset : null));
                continue;
            }

            var paragraph = paragraphs.First(p => p.StartLine == answer.Line);
            if (answer.Verdict == GapVerdict.ClaimWithoutExample && NotePrompts.First(paragraph.Text) is null)
            {
                Add(ctx, new NoteFinding(
                    NoteSeverity.Warning,
                    NoteFindingCode.GapWithoutExample,
                    $"The paragraph on \"{gap}\" claims {answer.Concept} but gives no concrete example. Add a number, a result, a named system or a time span that shows what you did.",
                    paragraph.StartLine,
                    Shorten(paragraph.FirstLine),
                    paragraph.Offset));
            }
        }

        ctx.RootContextData[GapsKey] = answers;
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
        foreach (var (index, length) in NotePrompts.Find(note.Text))
        {
            Add(ctx, new NoteFinding(
                NoteSeverity.Error,
                NoteFindingCode.UnfilledPrompt,
                "This prompt is still in the note. Replace it with your own example before sending.",
                note.LineAt(index),
                Shorten(note.Text.Substring(index, length)),
                index));
        }
    }

    private static string Shorten(string text) => CaseText.Excerpt(text);
}
