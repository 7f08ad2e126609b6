namespace TeamsMeetBot.Meetings;

/// <summary>What an invite, uninvite or rename did: the answer, and the meeting when it was not changed because it is under way.</summary>
/// <param name="UnderWay">The meeting meant, when it has started: Graph changes neither who is invited nor the subject then,
/// and people to invite can be rung into its call instead.</param>
public sealed record MeetingChangeResult(string Message, MeetingRecord? UnderWay = null);
