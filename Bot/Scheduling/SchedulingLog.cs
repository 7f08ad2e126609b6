namespace TeamsMeetBot.Scheduling;

internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Start reminders: polling every {Interval}, lead time {LeadTime}, lease {Lease}")]
    public static partial void PollerStarted(ILogger logger, TimeSpan interval, TimeSpan leadTime, TimeSpan lease);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Sent the start reminder for meeting {MeetingKey} (due {DueUtc:O})")]
    public static partial void ReminderSent(ILogger logger, string meetingKey, DateTimeOffset dueUtc);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Dropped the start reminder for meeting {MeetingKey}: {Reason}")]
    public static partial void ReminderDropped(ILogger logger, string meetingKey, string reason);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Sending the start reminder for meeting {MeetingKey} failed (attempt {Attempt})")]
    public static partial void ReminderSendFailed(ILogger logger, string meetingKey, int attempt, Exception exception);

    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "Lost the claim on the start reminder for meeting {MeetingKey} before recording the outcome {State}")]
    public static partial void ClaimLost(ILogger logger, string meetingKey, ReminderState state);

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "A reminder poll failed; the next poll tries again")]
    public static partial void PollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Could not write the start reminder for meeting {MeetingKey} ({Change}); the meeting itself is fine")]
    public static partial void ReminderWriteFailed(ILogger logger, string meetingKey, string change, Exception exception);

    [LoggerMessage(EventId = 607, Level = LogLevel.Information, Message = "Refused a scheduling card submission: {Reason}")]
    public static partial void SubmissionRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 608, Level = LogLevel.Warning, Message = "Replacing scheduling card {CardActivityId} failed")]
    public static partial void CardUpdateFailed(ILogger logger, string cardActivityId, Exception exception);
}
