namespace TeamsMeetBot.Meetings;

/// <summary>Who will be on the meeting, and who could not be added with the reason.</summary>
public sealed record ResolvedAttendees(IReadOnlyList<MeetingPerson> Attendees, IReadOnlyList<NotInvited> NotInvited);
