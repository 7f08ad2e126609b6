using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Calls;

/// <summary>What a join/ring/leave did: the reply for the person who asked, and the meeting when its card changed.</summary>
public sealed record CallActionResult(string Message, MeetingRecord? ChangedMeeting);
