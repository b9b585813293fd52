namespace SecondChance.Integrations.Intake;

/// <summary>Looks up a Lever opportunity by id (for example through Lever's data API), so a web hook delivery can become a case.</summary>
public interface ILeverOpportunityLookup
{
    /// <summary>Finds an opportunity.</summary>
    /// <param name="opportunityId">Lever's opportunity id from the delivery.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The opportunity, or <see langword="null"/> when Lever has no such opportunity.</returns>
    Task<LeverOpportunity?> FindAsync(string opportunityId, CancellationToken cancellationToken);
}
