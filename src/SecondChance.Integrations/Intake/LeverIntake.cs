using System.Globalization;
using System.Text.Json;
using NodaTime;
using SecondChance.Integrations.Signatures;
using SecondChance.Validation;

namespace SecondChance.Integrations.Intake;

/// <summary>
/// Reads Lever's <c>candidateArchiveChange</c> and <c>candidateStageChange</c> web hooks into a new case.
/// </summary>
/// <remarks>
/// <para>Lever signs <c>token</c> and <c>triggeredAt</c>, not the body (see <see cref="LeverSignature"/>), and a
/// delivery carries only ids. So the delivery id is the token and the time together: a host that drops repeated
/// delivery ids also drops a captured signature reused with a changed body. The opportunity is then looked up
/// (<see cref="ILeverOpportunityLookup"/>) and judged by <see cref="IntakeOptions.Policy"/> on its current stage
/// and archive reason; an opportunity that is not archived is not a rejection and is ignored.</para>
/// <para>The day of the call is the archive time (else the trigger time) in <see cref="IntakeOptions.TimeZone"/>.</para>
/// </remarks>
public static class LeverIntake
{
    /// <summary>The event Lever sends when an opportunity is archived or restored.</summary>
    public const string ArchiveChangeEvent = "candidateArchiveChange";

    /// <summary>The event Lever sends when an opportunity moves to another stage.</summary>
    public const string StageChangeEvent = "candidateStageChange";

    /// <summary>Reads one delivery, looking the opportunity up when the delivery is genuine and of a relevant event.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="signatureToken">The web hook's signature token.</param>
    /// <param name="lookup">Finds the opportunity the delivery names.</param>
    /// <param name="options">The board's settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The outcome. Exceptions from <paramref name="lookup"/> (Lever unreachable) pass through, so the host can ask Lever to deliver again.</returns>
    /// <exception cref="ArgumentException"><paramref name="signatureToken"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="lookup"/> is <see langword="null"/>.</exception>
    public static async Task<IntakeResult> ReadAsync(ReadOnlyMemory<byte> body, string signatureToken, ILeverOpportunityLookup lookup, IntakeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(signatureToken);
        ArgumentNullException.ThrowIfNull(lookup);
        options ??= new IntakeOptions();
        const IntakeSource source = IntakeSource.Lever;
        if (body.Length > options.MaxBodyBytes)
        {
            return IntakeResult.TooLarge(source, body.Length, options.MaxBodyBytes);
        }

        var errors = new List<CaseError>();
        string token;
        long triggeredAt;
        string? eventName;
        string? opportunityId;
        using (var document = JsonFields.Parse(body.Span, errors))
        {
            if (document is null)
            {
                // Nothing to check a signature on: an unsigned body is not trusted.
                return IntakeResult.Unauthorized(source, SignatureCheck.Missing("token and signature (the body is not a JSON object)"));
            }

            var root = document.RootElement;
            var tokenText = JsonFields.Get(root, "token") is { ValueKind: JsonValueKind.String } t ? t.GetString() : null;
            var signature = JsonFields.Get(root, "signature") is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
            if (JsonFields.Get(root, "triggeredAt") is not { ValueKind: JsonValueKind.Number } at || !at.TryGetInt64(out triggeredAt))
            {
                return IntakeResult.Unauthorized(source, SignatureCheck.Missing("triggeredAt"));
            }

            var check = LeverSignature.Verify(signatureToken, tokenText, triggeredAt, signature);
            if (!check.IsValid)
            {
                return IntakeResult.Unauthorized(source, check);
            }

            token = tokenText!;
            eventName = JsonFields.String(root, "event", "event", errors);
            var data = JsonFields.Object(root, "data", "data", errors);
            opportunityId = data is { } d ? JsonFields.String(d, "opportunityId", "data.opportunityId", errors) : null;
        }

        var deliveryId = token + "." + triggeredAt.ToString(CultureInfo.InvariantCulture);
        if (eventName is not null && eventName is not (ArchiveChangeEvent or StageChangeEvent))
        {
            return IntakeResult.Ignored(source, $"event '{RunnerUpPolicy.Shorten(eventName)}' is neither {ArchiveChangeEvent} nor {StageChangeEvent}", deliveryId);
        }

        if (errors.Count > 0)
        {
            return IntakeResult.Invalid(source, errors, deliveryId);
        }

        var opportunity = await lookup.FindAsync(opportunityId!, cancellationToken).ConfigureAwait(false);
        if (opportunity is null)
        {
            return IntakeResult.Invalid(source, [new CaseError("data.opportunityId", $"Lever has no opportunity '{RunnerUpPolicy.Shorten(opportunityId!)}'")], deliveryId);
        }

        if (opportunity.ArchiveReason is null)
        {
            return IntakeResult.Ignored(source, "the opportunity is not archived, so the candidate was not turned down", deliveryId, opportunityId);
        }

        if (!options.Policy.IsRunnerUp(opportunity.Stage, opportunity.ArchiveReason, out var why))
        {
            return IntakeResult.Ignored(source, why, deliveryId, opportunityId);
        }

        if (string.IsNullOrWhiteSpace(opportunity.Candidate))
        {
            errors.Add(new CaseError("candidate", "the opportunity has no candidate name"));
        }

        if (string.IsNullOrWhiteSpace(opportunity.Role))
        {
            errors.Add(new CaseError("role", "the opportunity has no posting"));
        }

        var on = opportunity.ArchivedAt ?? Instant.FromUnixTimeMilliseconds(Math.Clamp(triggeredAt, Instant.MinValue.ToUnixTimeMilliseconds(), Instant.MaxValue.ToUnixTimeMilliseconds()));
        return IntakeCase.Build(source, deliveryId, opportunityId, errors, options, opportunity.Candidate?.Trim(), opportunity.Email, opportunity.Role?.Trim(), on, opportunity.Owner, "runner-up: " + why);
    }
}
