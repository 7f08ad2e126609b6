namespace TeamsMeetBot.Calls;

/// <summary>Someone in the call per the latest roster. <see cref="AadObjectId"/> is null for phone and guest participants.</summary>
public sealed record CallParticipant(string? ParticipantId, string? AadObjectId, string DisplayName, bool IsBot, bool IsInLobby);
