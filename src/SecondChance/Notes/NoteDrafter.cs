using SecondChance.Cases;

namespace SecondChance.Notes;

/// <summary>
/// Drafts the thank-you note of playbook steps 5 and 6 from a case and the candidate's own examples:
/// thanks for the call and the candour, one short paragraph per recorded gap with the candidate's
/// example, and a closing that states continued interest and openness if anything changes.
/// </summary>
/// <remarks>
/// The drafter never invents an example: a gap with none gets a marked prompt
/// (<c>[ADD AN EXAMPLE: ...]</c>) that <see cref="NoteChecker"/> reports until it is replaced.
/// An email gets a subject line; a card is shorter; a letter is more formal. Drafts with an example
/// for every gap pass <see cref="NoteChecker"/> when the examples hold a number, a size or a result.
/// Stateless and thread-safe.
/// </remarks>
public static class NoteDrafter
{
    /// <summary>Drafts a note for <paramref name="case"/>.</summary>
    /// <param name="case">The case: its recorded gaps (every <see cref="FeedbackRecorded"/> event, in order, each gap once), contact, role and company.</param>
    /// <param name="channel">The channel to write for; when <see langword="null"/>, the channel of the case's last <see cref="NoteSent"/>, else <see cref="NoteChannel.Email"/>.</param>
    /// <param name="evidenceByGap">
    /// The candidate's example for each gap, keyed by the gap's text (matched exactly first, then
    /// ignoring letter case and surrounding white space); blank examples count as missing. See
    /// <see cref="NoteEvidence.Parse(string, RunnerUpCase?)"/> for the JSON file form.
    /// </param>
    /// <returns>The draft; its <see cref="NoteDraft.MissingEvidence"/> lists the gaps left as prompts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channel"/> is not a defined channel.</exception>
    public static NoteDraft Draft(RunnerUpCase @case, NoteChannel? channel = null, IReadOnlyDictionary<string, string>? evidenceByGap = null)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var ch = ResolveChannel(@case, channel);
        if (!Enum.IsDefined(ch))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), ch, "Unknown note channel.");
        }

        var contact = @case.Contact?.Name?.Trim();
        var role = @case.Role.Trim();
        var company = @case.Company.Trim();
        var missing = new List<string>();
        var paragraphs = new List<string>();

        paragraphs.Add(ch switch
        {
            NoteChannel.Letter => $"Dear {contact ?? "Hiring Manager"},",
            _ => $"Dear {contact ?? "hiring team"},",
        });

        paragraphs.Add(ch switch
        {
            NoteChannel.Card => $"Thank you for the call and for your candour about the {role} decision.",
            NoteChannel.Letter => $"Thank you for taking the time to call me about the {role} position at {company}, and for your candour in explaining where you saw the other candidate as stronger. I appreciate the care you took.",
            _ => $"Thank you for calling me about the {role} role and for being so candid about where the other candidate came out ahead. Feedback that direct is rare, and it helps.",
        });

        var gaps = RecordedGaps(@case);
        foreach (var gap in gaps)
        {
            var example = Find(evidenceByGap, gap);
            if (example is null)
            {
                missing.Add(gap);
                example = $"[ADD AN EXAMPLE: one concrete case that answers \"{gap}\", with a number, a size or a result]";
            }
            else if (!example.EndsWith('.') && !example.EndsWith('!') && !example.EndsWith('?'))
            {
                example += ".";
            }

            paragraphs.Add(ch switch
            {
                NoteChannel.Card => $"On \"{gap}\": {example}",
                NoteChannel.Letter => $"Regarding your observation \"{gap}\": {example}",
                _ => $"On your point \"{gap}\": {example}",
            });
        }

        if (gaps.Count == 0 && ch != NoteChannel.Card)
        {
            paragraphs.Add(ch == NoteChannel.Letter
                ? "I valued the conversations with your team throughout the process and learned a great deal from them."
                : "I enjoyed meeting the team and learned a lot from the process.");
        }

        paragraphs.Add(ch switch
        {
            NoteChannel.Card => "I remain very interested in the role and would be glad to hear from you if anything changes.",
            NoteChannel.Letter => $"I remain sincerely interested in the {role} position and in {company}. Should anything change, or should a similar position open, I would welcome the opportunity to speak with you again.",
            _ => $"I am still very interested in the {role} role and in {company}. If anything changes, or a similar role opens, I would be glad to talk again.",
        });

        paragraphs.Add(ch switch
        {
            NoteChannel.Card => $"Warm regards,\n{@case.Candidate.Trim()}",
            NoteChannel.Letter => $"Yours sincerely,\n{@case.Candidate.Trim()}",
            _ => $"Best regards,\n{@case.Candidate.Trim()}",
        });

        var subject = ch == NoteChannel.Email ? $"Thank you for the call about the {role} role" : null;
        return new NoteDraft(subject, string.Join("\n\n", paragraphs) + "\n", ch, missing.ToArray());
    }

    /// <summary>The gaps of every feedback event, in order, each once (ignoring letter case), trimmed.</summary>
    internal static IReadOnlyList<string> RecordedGaps(RunnerUpCase @case)
    {
        var result = new List<string>();
        foreach (var e in @case.Events ?? [])
        {
            if (e is FeedbackRecorded { Gaps: { } gaps })
            {
                foreach (var g in gaps)
                {
                    var gap = g?.Trim();
                    if (!string.IsNullOrEmpty(gap) && !result.Contains(gap, StringComparer.OrdinalIgnoreCase))
                    {
                        result.Add(gap);
                    }
                }
            }
        }

        return result;
    }

    internal static NoteChannel ResolveChannel(RunnerUpCase @case, NoteChannel? channel) =>
        channel ?? (@case.Events ?? []).OfType<NoteSent>().LastOrDefault()?.Channel ?? NoteChannel.Email;

    private static string? Find(IReadOnlyDictionary<string, string>? evidence, string gap)
    {
        if (evidence is null)
        {
            return null;
        }

        if (!evidence.TryGetValue(gap, out var example))
        {
            example = evidence.FirstOrDefault(kv => string.Equals(kv.Key?.Trim(), gap, StringComparison.OrdinalIgnoreCase)).Value;
        }

        return string.IsNullOrWhiteSpace(example) ? null : example.Trim();
    }
}
