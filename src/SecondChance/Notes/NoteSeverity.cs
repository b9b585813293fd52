namespace SecondChance.Notes;

/// <summary>How serious a <see cref="NoteFinding"/> is.</summary>
public enum NoteSeverity
{
    /// <summary>The note should not be sent as it is: it breaks the playbook or still holds a prompt.</summary>
    Error,

    /// <summary>The note can be sent, but would be stronger with a change.</summary>
    Warning,
}
