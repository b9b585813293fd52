using System.Text.Json;
using SecondChance.Cases;
using SecondChance.Openings;
using SecondChance.Validation;

namespace SecondChance.Serialization;

/// <summary>Reads the job opening document (<c>company</c>, <c>title</c>, <c>postedOn</c>, optional <c>level</c>, <c>url</c>, <c>location</c>, <c>id</c>).</summary>
internal static class OpeningDocumentReader
{
    private static readonly string[] OpeningMembers = ["company", "title", "postedOn", "level", "url", "location", "id"];

    public static JobOpening? Read(JsonElement item, List<CaseError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new CaseError("$", "an opening must be a JSON object with company, title and postedOn"));
            return null;
        }

        if (JsonText.FindInvalid(item, "$") is { } invalidText)
        {
            errors.Add(invalidText);
            return null;
        }

        var before = errors.Count;
        foreach (var (name, message) in KnownMembers.Unknown(item, OpeningMembers))
        {
            errors.Add(new CaseError(name, message));
        }

        var company = CaseDocumentReader.RequiredString(item, "company", errors);
        var title = CaseDocumentReader.RequiredString(item, "title", errors);
        var postedOn = CaseDocumentReader.RequiredDate(item, "postedOn", "postedOn", errors);
        var level = CaseDocumentReader.OptionalString(item, "level", "level", errors);
        var url = CaseDocumentReader.OptionalString(item, "url", "url", errors);
        var location = CaseDocumentReader.OptionalString(item, "location", "location", errors);
        string? id = null;
        switch (JsonMembers.Find(item, "id"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                break;
            case { ValueKind: JsonValueKind.String } s:
                id = s.GetString();
                break;
            case { ValueKind: JsonValueKind.Number } n:
                id = n.GetRawText();
                break;
            default:
                errors.Add(new CaseError("id", "must be a string or a number"));
                break;
        }

        if (errors.Count != before)
        {
            // The optional fields that were read are still checked, so one answer lists every problem.
            var optional = new JobOpening { Company = "-", Title = "-", PostedOn = default, Url = url, Location = location, Id = id };
            errors.AddRange(optional.Validate());
            return null;
        }

        var opening = new JobOpening
        {
            Company = company!,
            Title = title!,
            PostedOn = postedOn!.Value,
            Level = string.IsNullOrWhiteSpace(level) ? null : new JobLevel(level),
            Url = url,
            Location = location,
            Id = id,
        };
        var problems = opening.Validate();
        if (level is not null && string.IsNullOrWhiteSpace(level))
        {
            problems = [.. problems, new CaseError("level", "must not be empty when given")];
        }

        errors.AddRange(problems);
        return problems.Count == 0 ? opening : null;
    }
}
