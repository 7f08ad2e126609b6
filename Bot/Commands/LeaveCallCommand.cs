namespace TeamsMeetBot.Commands;

/// <summary>"leave", "hang up", "bot leave": the bot leaves the call (the call goes on for the others).</summary>
public sealed record LeaveCallCommand : BotCommand;
