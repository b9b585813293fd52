using Microsoft.Extensions.Options;

namespace SecondChance.DependencyInjection;

/// <summary>Checks <see cref="PlaybookOptions"/> when the host starts, so a bad setting stops it with the setting's name.</summary>
internal sealed class PlaybookOptionsValidator : IValidateOptions<PlaybookOptions>
{
    public ValidateOptionsResult Validate(string? name, PlaybookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
