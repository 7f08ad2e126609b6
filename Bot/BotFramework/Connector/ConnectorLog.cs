using System.Net;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>Log messages of the Connector client. Never takes tokens, secrets or response bodies.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Bot Connector token acquired; it expires at {ExpiresOn}.")]
    public static partial void TokenAcquired(ILogger logger, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Bot Connector token acquisition failed ({ExceptionType}).")]
    public static partial void TokenAcquisitionFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "The Bot Connector rejected the token with 401 for {Method} on {Host}; fetching a new token and retrying once.")]
    public static partial void TokenRejected(ILogger logger, string method, string host);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Refused a Bot Connector call before sending it: {Reason}.")]
    public static partial void ServiceUrlRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Bot Connector {Method} on {Host} answered {Status}; retry {Attempt} in {DelayMs} ms.")]
    public static partial void RetryScheduled(ILogger logger, string method, string host, string status, int attempt, long delayMs);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Bot Connector {Method} on {Host} answered {Status}; giving up: {Reason}.")]
    public static partial void RetryGivenUp(ILogger logger, string method, string host, string status, string reason);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Bot Connector {Operation} failed with {StatusCode} ({ErrorCode}), request id {RequestId}.")]
    public static partial void CallFailed(ILogger logger, string operation, HttpStatusCode statusCode, string errorCode, string requestId);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "The write queue of a conversation is full; {Operation} was not sent.")]
    public static partial void QueueFull(ILogger logger, string operation);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Bot Connector {Operation} answered 2xx with a body that is not the expected JSON; treating it as an empty answer.")]
    public static partial void UnreadableSuccessBody(ILogger logger, string operation);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "The Bot Connector returned the same member continuation token twice; stopping the member listing.")]
    public static partial void RepeatedContinuationToken(ILogger logger);
}
