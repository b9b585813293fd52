namespace SecondChance.Cases;

/// <summary>How the thank-you note was sent.</summary>
public enum NoteChannel
{
    /// <summary>An email.</summary>
    Email,

    /// <summary>A handwritten card.</summary>
    Card,

    /// <summary>A formal letter.</summary>
    Letter,
}
