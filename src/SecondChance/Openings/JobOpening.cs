using NodaTime;
using SecondChance.Cases;
using SecondChance.Validation;

namespace SecondChance.Openings;

/// <summary>
/// A job posting a board has seen: which company, which title, when it went up and where. The input
/// of the opening watch, which matches it against open cases with an <see cref="OpeningMatcher"/>.
/// </summary>
public sealed record JobOpening
{
    /// <summary>Gets the employer's name as posted (1 to 200 characters).</summary>
    public required string Company { get; init; }

    /// <summary>Gets the title as posted (1 to 200 characters).</summary>
    public required string Title { get; init; }

    /// <summary>Gets the date the posting went up (or was first seen), in the board's calendar.</summary>
    public required LocalDate PostedOn { get; init; }

    /// <summary>Gets the job level, when the board knows it; a different level from the case's makes a repost at most similar.</summary>
    public JobLevel? Level { get; init; }

    /// <summary>Gets where the opening is posted: an absolute http or https address, when known.</summary>
    public string? Url { get; init; }

    /// <summary>Gets where the job is, as posted, when known (at most 200 characters).</summary>
    public string? Location { get; init; }

    /// <summary>Gets the board's own id for the posting, when it has one; with <see cref="Url"/>, what makes recording an opening twice a no-op.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the key that identifies this posting: its <see cref="Id"/>, else its <see cref="Url"/>, else <see langword="null"/>.</summary>
    public string? Key => !string.IsNullOrWhiteSpace(Id) ? "id:" + Id.Trim() : !string.IsNullOrWhiteSpace(Url) ? "url:" + Url.Trim() : null;

    /// <summary>Checks the opening, returning every problem with its field name; empty when it is valid.</summary>
    /// <param name="today">When given, a posting dated after it is an error.</param>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<CaseError> Validate(LocalDate? today = null)
    {
        var errors = new List<CaseError>();
        CheckName(errors, "company", Company);
        CheckName(errors, "title", Title);
        if (Url is not null && !CaseLimits.IsValidUrl(Url))
        {
            errors.Add(new CaseError("url", $"'{CaseText.Excerpt(Url)}' is not an absolute http or https address of at most {CaseLimits.MaxUrlLength} characters"));
        }

        if (Location is not null)
        {
            CheckName(errors, "location", Location);
        }

        if (Id is not null)
        {
            CheckName(errors, "id", Id);
        }

        if (Level is { IsEmpty: true })
        {
            errors.Add(new CaseError("level", "must not be empty when given"));
        }

        if (today is { } now && PostedOn > now)
        {
            errors.Add(new CaseError("postedOn", $"must not be after today ({NodaTime.Text.LocalDatePattern.Iso.Format(now)})"));
        }

        return errors;
    }

    /// <summary>Returns the event that records this opening on a case: seen on <see cref="PostedOn"/>, with its title and address.</summary>
    /// <param name="match">How the opening relates to the case's role.</param>
    /// <returns>The event.</returns>
    public OpeningSeen ToEvent(OpeningMatch match) => new(PostedOn, Title, match, Url);

    private static void CheckName(List<CaseError> errors, string field, string? value)
    {
        if (CaseFields.Name(field, value) is { } error)
        {
            errors.Add(error);
        }
    }
}
