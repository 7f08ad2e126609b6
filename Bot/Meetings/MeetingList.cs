namespace TeamsMeetBot.Meetings;

/// <summary>An answer to "list meetings": the meetings that fit, soonest first, and how many are still to come here at all.</summary>
public sealed record MeetingList(IReadOnlyList<MeetingRecord> Fitting, int StillToCome);
