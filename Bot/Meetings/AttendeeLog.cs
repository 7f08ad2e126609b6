namespace TeamsMeetBot.Meetings;

internal static partial class AttendeeLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Could not expand tag {TagName}: Graph status {StatusCode}, request-id {RequestId}")]
    public static partial void TagExpansionFailed(ILogger logger, string tagName, int statusCode, string requestId, Exception exception);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Could not read the conversation's members to look up names typed as text: Connector status {StatusCode}, error {ErrorCode}, request-id {RequestId}")]
    public static partial void MembersUnreadable(ILogger logger, int statusCode, string errorCode, string requestId, Exception exception);
}
