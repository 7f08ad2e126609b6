namespace TeamsMeetBot.Commands;

/// <summary>"status", "who is in the call": report the meeting and who is in its call.</summary>
public sealed record StatusCommand : BotCommand;
