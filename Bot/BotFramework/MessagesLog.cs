namespace TeamsMeetBot.BotFramework;

internal static partial class MessagesLog
{
    private static readonly Func<ILogger, string, string, IDisposable?> ActivityScope =
        LoggerMessage.DefineScope<string, string>("ActivityId={ActivityId} ConversationId={ConversationId}");

    public static IDisposable? BeginActivityScope(ILogger logger, string activityId, string conversationId) => ActivityScope(logger, activityId, conversationId);

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Rejected /api/messages with 400: {Reason}")]
    public static partial void BadRequest(ILogger logger, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Rejected /api/messages with 413: the body is larger than Bot:MaxActivityBytes ({Cap} bytes)")]
    public static partial void TooLarge(ILogger logger, int cap);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Rejected /api/messages with 401: {Reason} (remote {RemoteAddress})")]
    public static partial void Unauthorized(ILogger logger, string reason, string remoteAddress);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Rejected /api/messages with 403: tenant {TenantId} is not in Bot:AllowedTenants")]
    public static partial void TenantNotAllowed(ILogger logger, string tenantId);
}
