namespace TeamsMeetBot.Conversation;

/// <summary>Stored once per conversation so the welcome is posted once, although Teams announces an install twice.</summary>
public sealed record WelcomeMarker(DateTimeOffset WelcomedAt);
