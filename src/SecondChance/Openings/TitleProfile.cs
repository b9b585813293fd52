namespace SecondChance.Openings;

/// <summary>A title taken apart by an <see cref="OpeningMatcher"/>: its words, seniority, level markers, functions and kinds, each sorted.</summary>
internal sealed record TitleProfile(string[] Core, string CoreText, string[] Seniority, string[] Markers, string[] Functions, string[] Kinds)
{
    /// <summary>Gets every word the title kept: core words, seniority words and level markers.</summary>
    public IEnumerable<string> AllWords => Core.Concat(Seniority).Concat(Markers);
}
