using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Calls;

/// <summary>What a join/ring/leave did: the reply for the person who asked, and the meeting when its card changed.</summary>
public sealed record CallActionResult(string Message, MeetingRecord? ChangedMeeting)
{
    /// <summary>Whether nothing was done because the bot is in no call here (calling off, no meeting, or not joined).</summary>
    public bool NotInACall { get; init; }
}
