namespace TeamsMeetBot.Commands;

/// <summary>"cancel", "cancel the meeting", "call it off": cancel the latest meeting the sender organized here.</summary>
public sealed record CancelMeetingCommand : BotCommand;
