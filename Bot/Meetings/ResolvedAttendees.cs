namespace TeamsMeetBot.Meetings;

/// <summary>Who will be on the meeting, and who could not be added with the reason.</summary>
public sealed record ResolvedAttendees(IReadOnlyList<MeetingPerson> Attendees, IReadOnlyList<NotInvited> NotInvited)
{
    /// <summary>The tags whose members were invited ("@oncall-db"), by name, in the order mentioned.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
