namespace TeamsMeetBot.Conversation;

/// <summary>Stored per (conversation, activity id) to recognise Teams redeliveries.</summary>
public sealed record ProcessedActivity(bool Completed, DateTimeOffset LeaseUntil);
