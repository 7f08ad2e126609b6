namespace TeamsMeetBot.Storage;

/// <summary>An insert found the key taken, or a replace/delete found the ETag changed.</summary>
public sealed class StoreConflictException : Exception
{
    public StoreConflictException()
    {
    }

    public StoreConflictException(string message) : base(message)
    {
    }

    public StoreConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
