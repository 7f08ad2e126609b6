namespace TeamsMeetBot.Meetings;

internal static partial class AttendeeLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Could not expand tag {TagName}: Graph status {StatusCode}, request-id {RequestId}")]
    public static partial void TagExpansionFailed(ILogger logger, string tagName, int statusCode, string requestId, Exception exception);
}
