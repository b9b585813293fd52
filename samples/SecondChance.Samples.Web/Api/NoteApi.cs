using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SecondChance.Cases;
using SecondChance.Notes;
using SecondChance.Serialization;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Validation;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// The thank-you note of playbook steps 5 and 6: draft one from a stored case and the candidate's
/// examples, and check a note before it is sent. The wording and every check come from the library
/// (<see cref="NoteDrafter"/>, <see cref="NoteChecker"/>); this only reads requests and stored cases.
/// </summary>
public static class NoteApi
{
    /// <summary>The longest note accepted for checking, in characters.</summary>
    public const int MaxNoteLength = 20_000;

    private static readonly string[] DraftFields = ["channel", "evidence"];
    private static readonly string[] CheckFields = ["text", "channel"];

    public static IEndpointRouteBuilder MapNoteApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Notes");

        api.MapPost("/cases/{id}/note/draft", Draft)
            .WithName("DraftNote")
            .WithSummary("Draft the thank-you note for a case")
            .WithDescription("Drafts the note of steps 5 and 6 from the case: thanks, one paragraph per recorded gap with the candidate's example, continued interest and openness. A gap without an example gets an [ADD AN EXAMPLE ...] prompt and is listed in missingEvidence. The body is optional.")
            .Accepts<NoteDraftRequest>("application/json")
            .RequireJsonBody()
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.RequestBody is OpenApiRequestBody body)
                {
                    body.Required = false;
                }

                return Task.CompletedTask;
            })
            .Produces<NoteDraftResource>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/cases/{id}/note/check", Check)
            .WithName("CheckNote")
            .WithSummary("Check a thank-you note before sending it")
            .WithDescription("Checks a note against the playbook: it thanks them, answers every recorded gap with an example, says you are still interested and open to talk, does not argue or sound defensive, fits the channel's word limit and has no prompt left. canSend is false while any finding is an error.")
            .Accepts<NoteCheckRequest>("application/json")
            .RequireJsonBody()
            .Produces<NoteCheckResource>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return routes;
    }

    private static async Task<IResult> Draft(string id, HttpContext http, ICaseStore store, CaseCache cases, CancellationToken ct)
    {
        var errors = new List<CaseError>();
        NoteChannel? channel = null;
        JsonElement? evidence = null;
        if (ReadObject(await CaseApi.ReadBody(http.Request, ct), emptyIsObject: true, DraftFields, errors) is { } body)
        {
            channel = ReadChannel(body, errors);
            evidence = Field(body, "evidence") is { ValueKind: not JsonValueKind.Null } member ? member : null;
            if (evidence is { } shape)
            {
                errors.AddRange(NoteEvidence.Read(shape).Errors);
            }
        }

        if (errors.Count > 0)
        {
            return CaseApi.Invalid(errors);
        }

        if (await cases.ReadAsync(store, http.Tenant(), id, ct) is not { } @case)
        {
            return CaseApi.CaseNotFound(id);
        }

        IReadOnlyDictionary<string, string>? examples = null;
        if (evidence is { } given)
        {
            var read = NoteEvidence.Read(given, @case);
            if (!read.Succeeded)
            {
                return CaseApi.Invalid([.. read.Errors]);
            }

            examples = read.Evidence;
        }

        var draft = NoteDrafter.Draft(@case, channel, examples);
        return Results.Ok(new NoteDraftResource(draft.Subject, draft.Body, draft.Text, draft.Channel, draft.MissingEvidence));
    }

    private static async Task<IResult> Check(string id, HttpContext http, ICaseStore store, CaseCache cases, CancellationToken ct)
    {
        var errors = new List<CaseError>();
        NoteChannel? channel = null;
        string? text = null;
        if (ReadObject(await CaseApi.ReadBody(http.Request, ct), emptyIsObject: false, CheckFields, errors) is { } body)
        {
            text = ReadText(body, errors);
            channel = ReadChannel(body, errors);
        }

        if (errors.Count > 0 || text is null)
        {
            return CaseApi.Invalid(errors);
        }

        if (await cases.ReadAsync(store, http.Tenant(), id, ct) is not { } @case)
        {
            return CaseApi.CaseNotFound(id);
        }

        var result = NoteChecker.Check(text, @case, channel);
        return Results.Ok(new NoteCheckResource(result.CanSend, result.Findings, result.Gaps));
    }

    // Reads the body as a JSON object whose properties are all known; null (with errors) otherwise.
    private static JsonElement? ReadObject(string text, bool emptyIsObject, string[] fields, List<CaseError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (emptyIsObject)
            {
                return JsonDocument.Parse("{}").RootElement.Clone();
            }

            errors.Add(new CaseError("$", "is required: a JSON object with " + string.Join(" and ", fields)));
            return null;
        }

        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(text);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
            errors.Add(new CaseError("$", "is not valid JSON" + where));
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new CaseError("$", "must be a JSON object with " + string.Join(" and ", fields)));
            return null;
        }

        if (SecondChanceJson.FindInvalidText(root) is { } invalidText)
        {
            errors.Add(invalidText);
            return null;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!fields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new CaseError(CaseText.Excerpt(property.Name), "is not a field of this request; use " + string.Join(" or ", fields)));
            }
        }

        return root;
    }

    private static JsonElement? Field(JsonElement body, string name)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static NoteChannel? ReadChannel(JsonElement body, List<CaseError> errors)
    {
        switch (Field(body, "channel"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.String } value:
                if (CaseText.ParseName<NoteChannel>("channel", value.GetString(), "channel", out var channel) is { } error)
                {
                    errors.Add(error);
                    return null;
                }

                return channel;
            default:
                errors.Add(new CaseError("channel", $"must be a string: one of {CaseText.Names<NoteChannel>()}"));
                return null;
        }
    }

    private static string? ReadText(JsonElement body, List<CaseError> errors)
    {
        switch (Field(body, "text"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                errors.Add(new CaseError("text", "is required: the note to check"));
                return null;
            case { ValueKind: JsonValueKind.String } value:
                var text = value.GetString()!;
                if (string.IsNullOrWhiteSpace(text))
                {
                    errors.Add(new CaseError("text", "must not be blank"));
                    return null;
                }

                if (text.Length > MaxNoteLength)
                {
                    errors.Add(new CaseError("text", $"must be at most {MaxNoteLength} characters"));
                    return null;
                }

                return text;
            default:
                errors.Add(new CaseError("text", "must be a string: the note to check"));
                return null;
        }
    }
}
