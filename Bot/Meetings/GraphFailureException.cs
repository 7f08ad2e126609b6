namespace TeamsMeetBot.Meetings;

/// <summary>A Graph call failed; <see cref="Kind"/> decides what the user is told.</summary>
public sealed class GraphFailureException : Exception
{
    public GraphFailureException()
    {
    }

    public GraphFailureException(string message) : base(message)
    {
    }

    public GraphFailureException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public GraphFailureException(GraphFailureKind kind, int? statusCode, string? errorCode, string? requestId, string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    public GraphFailureKind Kind { get; }

    public int? StatusCode { get; }

    public string? ErrorCode { get; }

    /// <summary>Graph's request-id, for support cases and logs.</summary>
    public string? RequestId { get; }
}
