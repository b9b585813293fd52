namespace SecondChance.Samples.Web.Storage;

/// <summary>The database does not answer (down, unreachable, refusing connections); the message says which and where.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
