namespace TeamsMeetBot.Meetings;

internal static partial class MeetingLog
{
    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Created online meeting {MeetingId} with {AttendeeCount} attendees ({NotInvitedCount} could not be added)")]
    public static partial void Created(ILogger logger, string meetingId, int attendeeCount, int notInvitedCount);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Creating the meeting failed: {Kind}, status {StatusCode}, code {ErrorCode}, Graph request-id {RequestId}")]
    public static partial void CreateFailed(ILogger logger, string kind, int statusCode, string errorCode, string requestId, Exception exception);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "Applying lobby/presenter settings to {MeetingId} failed: status {StatusCode}, Graph request-id {RequestId}")]
    public static partial void SettingsFailed(ILogger logger, string meetingId, int statusCode, string requestId, Exception exception);

    [LoggerMessage(EventId = 313, Level = LogLevel.Warning, Message = "Cancelling the meeting failed: {Kind}, status {StatusCode}, Graph request-id {RequestId}")]
    public static partial void CancelFailed(ILogger logger, string kind, int statusCode, string requestId, Exception exception);

    [LoggerMessage(EventId = 314, Level = LogLevel.Warning, Message = "Updating card {CardActivityId} failed")]
    public static partial void CardUpdateFailed(ILogger logger, string cardActivityId, Exception exception);

    [LoggerMessage(EventId = 315, Level = LogLevel.Warning, Message = "Refused a card action for meeting {MeetingKey}: it does not belong to this tenant and conversation")]
    public static partial void ActionForUnknownMeeting(ILogger logger, string meetingKey);

    [LoggerMessage(EventId = 316, Level = LogLevel.Warning, Message = "Rescheduling the meeting failed: {Kind}, status {StatusCode}, Graph request-id {RequestId}")]
    public static partial void RescheduleFailed(ILogger logger, string kind, int statusCode, string requestId, Exception exception);

    [LoggerMessage(EventId = 318, Level = LogLevel.Warning, Message = "Changing the meeting's {Change} failed: {Kind}, status {StatusCode}, Graph request-id {RequestId}")]
    public static partial void ChangeFailed(ILogger logger, string change, string kind, int statusCode, string requestId, Exception exception);

    [LoggerMessage(EventId = 319, Level = LogLevel.Warning, Message = "Looking up the people to invite failed at the Bot Connector: status {StatusCode}, code {ErrorCode}, request id {RequestId}; the meeting was not changed")]
    public static partial void InviteesUnavailable(ILogger logger, int statusCode, string errorCode, string requestId, Exception exception);

    [LoggerMessage(EventId = 317, Level = LogLevel.Warning, Message = "Looking up the attendees failed at the Bot Connector: status {StatusCode}, code {ErrorCode}, request id {RequestId}; no meeting was created")]
    public static partial void AttendeesUnavailable(ILogger logger, int statusCode, string errorCode, string requestId, Exception exception);
}
