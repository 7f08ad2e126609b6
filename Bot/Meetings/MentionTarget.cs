namespace TeamsMeetBot.Meetings;

/// <summary>Someone the sender mentioned: the mention entity's id and display name (never parsed from text).</summary>
public sealed record MentionTarget(string Id, string Name, bool IsTag = false);
