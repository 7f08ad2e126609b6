namespace TeamsMeetBot.Calls;

/// <summary>What the bot keeps of Graph's answer to a join: the call's id and the bot's own participant id in it.</summary>
public sealed record JoinedCall(string CallId, string? MyParticipantId);
