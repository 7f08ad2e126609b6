namespace TeamsMeetBot.Conversation;

internal static partial class RouterLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Dropped a redelivery of a {ActivityType} activity that is already handled or in progress")]
    public static partial void Duplicate(ILogger logger, string activityType);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Ignored a {ActivityType} activity")]
    public static partial void Ignored(ILogger logger, string activityType);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "A turn failed unexpectedly; telling the user to try again")]
    public static partial void TurnFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Could not even tell the user that the turn failed; Teams will redeliver")]
    public static partial void CouldNotTell(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 204, Level = LogLevel.Error, Message = "The store is unavailable")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Unsupported invoke {InvokeName}")]
    public static partial void UnsupportedInvoke(ILogger logger, string invokeName);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning,
        Message = "Could not mark activity {ActivityId} in conversation {ConversationId} as handled; a redelivery after the claim's lease would handle it again")]
    public static partial void CompletionNotWritten(ILogger logger, string activityId, string conversationId, Exception exception);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Could not answer: the Connector refuses the bot's messages to this conversation (HTTP {StatusCode}, {ErrorCode}); Teams is not asked to redeliver")]
    public static partial void Undeliverable(ILogger logger, int statusCode, string errorCode, Exception exception);
}
