using System.Net;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// A Bot Connector call failed: either the Connector answered with an error status
/// (<see cref="StatusCode"/> set) or the bot refused or could not send the request
/// (<see cref="StatusCode"/> null, <see cref="ErrorCode"/> one of the bot-side codes in
/// <see cref="ConnectorErrorCodes"/>). The message never contains response bodies or tokens.
/// </summary>
public class ConnectorException : Exception
{
    public ConnectorException()
        : this("The Bot Connector call failed.")
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectorException(string message, HttpStatusCode? statusCode, string? errorCode, string? requestId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    /// <summary>The HTTP status the Connector answered with; null when no answer was received.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The Connector's error code (<c>error.code</c>, or Teams' <c>subCode</c>), or a bot-side code.</summary>
    public string? ErrorCode { get; }

    /// <summary>The request id from the Connector's response headers, for support cases.</summary>
    public string? RequestId { get; }

    /// <summary>The user blocked or uninstalled the bot: mark the conversation reference dead, do not retry.</summary>
    public bool IsMessageWritesBlocked =>
        string.Equals(ErrorCode, ConnectorErrorCodes.MessageWritesBlocked, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The Connector answered that this conversation does not take the bot's messages, and would answer a retry or a
    /// redelivery the same: 403 (the person blocked or uninstalled the bot, or it is not in the conversation), 404 (the
    /// conversation is gone), 400 or 413 (the request itself is refused), or a redirect (never followed, see
    /// <c>OutboundHttp</c>). Throttling, server errors, timeouts and 401 (a token problem a fresh token may fix) are not.
    /// </summary>
    public bool RefusesConversationForGood =>
        StatusCode is { } status && ((int)status is >= 300 and < 400 || status is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden
            or HttpStatusCode.NotFound or HttpStatusCode.RequestEntityTooLarge);

    /// <summary>The serviceUrl was refused before any request (and any token) left the process.</summary>
    public bool IsServiceUrlRefused =>
        StatusCode is null && string.Equals(ErrorCode, ConnectorErrorCodes.ServiceUrlNotAllowed, StringComparison.Ordinal);
}
