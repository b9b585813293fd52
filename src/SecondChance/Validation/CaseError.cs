namespace SecondChance.Validation;

/// <summary>One thing wrong with a case, with the JSON path of the field it concerns.</summary>
/// <param name="Field">The field's path in the case document, such as <c>events[3].on</c>; <c>$</c> for the document itself.</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record CaseError(string Field, string Message)
{
    /// <summary>Formats the error as <c>field: message</c>.</summary>
    /// <returns>The formatted error.</returns>
    public override string ToString() => $"{Field}: {Message}";
}
