namespace TeamsMeetBot.Calls;

internal static partial class CallsLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Joined the call of meeting {MeetingKey}: call {CallId}")]
    public static partial void Joined(ILogger logger, string meetingKey, string callId);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Joining the call failed: {Kind}, status {StatusCode}, code {ErrorCode}, Graph request-id {RequestId}")]
    public static partial void JoinFailed(ILogger logger, string kind, int statusCode, string errorCode, string requestId, Exception exception);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Call notification refused: {Reason}")]
    public static partial void NotificationRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "Call notification for call {CallId} came with tenant {TokenTenant}, but the call belongs to another tenant")]
    public static partial void TenantMismatch(ILogger logger, string callId, string tokenTenant);

    [LoggerMessage(EventId = 504, Level = LogLevel.Information, Message = "Call {CallId} is now {State}")]
    public static partial void StateChanged(ILogger logger, string callId, CallState state);

    [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "Ringing into call {CallId} failed: {Kind}, status {StatusCode}, Graph request-id {RequestId}")]
    public static partial void InviteFailed(ILogger logger, string callId, string kind, int statusCode, string requestId, Exception exception);

    [LoggerMessage(EventId = 506, Level = LogLevel.Warning, Message = "Leaving call {CallId} failed: {Kind}, status {StatusCode}, Graph request-id {RequestId}")]
    public static partial void LeaveFailed(ILogger logger, string callId, string kind, int statusCode, string requestId, Exception exception);

    [LoggerMessage(EventId = 507, Level = LogLevel.Warning, Message = "Refused a call action for meeting {MeetingKey}: it does not belong to this tenant and conversation")]
    public static partial void ActionForUnknownMeeting(ILogger logger, string meetingKey);

    [LoggerMessage(EventId = 508, Level = LogLevel.Warning, Message = "Updating the card of meeting {MeetingKey} failed")]
    public static partial void CardRefreshFailed(ILogger logger, string meetingKey, Exception exception);

    [LoggerMessage(EventId = 509, Level = LogLevel.Warning, Message = "Call notification body was not a commsNotifications envelope")]
    public static partial void MalformedNotification(ILogger logger);

    [LoggerMessage(EventId = 520, Level = LogLevel.Information, Message = "Graph no longer knows call {CallId}; it is no longer kept alive")]
    public static partial void KeepAliveCallGone(ILogger logger, string callId);

    [LoggerMessage(EventId = 521, Level = LogLevel.Warning, Message = "Keep-alive for call {CallId} failed with status {StatusCode}; it is tried again next round")]
    public static partial void KeepAliveFailed(ILogger logger, string callId, int statusCode, Exception exception);

    [LoggerMessage(EventId = 522, Level = LogLevel.Error, Message = "A keep-alive round failed")]
    public static partial void KeepAliveRoundFailed(ILogger logger, Exception exception);
}
