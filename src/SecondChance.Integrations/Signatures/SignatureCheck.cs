namespace SecondChance.Integrations.Signatures;

/// <summary>The outcome of checking a delivery's signature, with a message that names the header or field at fault.</summary>
/// <param name="Status">How the check ended.</param>
/// <param name="Message">What was checked and, when it failed, why; safe to log and to return to the sender (it never contains the secret or the expected signature).</param>
public readonly record struct SignatureCheck(SignatureStatus Status, string Message)
{
    /// <summary>Gets whether the signature is valid.</summary>
    public bool IsValid => Status == SignatureStatus.Valid;

    internal static SignatureCheck Valid(string what) => new(SignatureStatus.Valid, what + " matches");

    internal static SignatureCheck Missing(string field) => new(SignatureStatus.Missing, field + " is missing");

    internal static SignatureCheck Malformed(string field, string expected) => new(SignatureStatus.Malformed, $"{field} is not in the expected format ({expected})");

    internal static SignatureCheck Mismatch(string field) => new(SignatureStatus.Mismatch, field + " does not match the body and the shared secret");
}
