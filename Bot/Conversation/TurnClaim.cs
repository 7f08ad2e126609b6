namespace TeamsMeetBot.Conversation;

/// <summary>Proof that this delivery owns the processing of an activity.</summary>
public sealed record TurnClaim(string ConversationId, string ActivityId, string ETag);
