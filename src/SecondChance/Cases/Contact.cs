namespace SecondChance.Cases;

/// <summary>The person at the employer who called with the news and whom the candidate follows up with.</summary>
/// <param name="Name">The contact's name (1 to 200 characters).</param>
/// <param name="Email">The contact's email address, or <see langword="null"/> when unknown.</param>
public sealed record Contact(string Name, string? Email = null);
