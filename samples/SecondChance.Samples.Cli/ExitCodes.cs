namespace SecondChance.Samples.Cli;

/// <summary>The CLI's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something unexpected went wrong (a bug, a full disk).</summary>
    public const int Failure = 1;

    /// <summary>The input was invalid: a missing or malformed file, a bad option value, a case that fails validation.</summary>
    public const int InvalidInput = 2;
}
