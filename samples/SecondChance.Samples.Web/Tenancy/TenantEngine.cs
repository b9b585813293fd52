namespace SecondChance.Samples.Web.Tenancy;

/// <summary>The engine a tenant decides with, a fingerprint of its rules, and the workflow file it came from (none for the default).</summary>
public sealed record TenantEngine(PlaybookEngine Engine, string Fingerprint, string? WorkflowFile);
