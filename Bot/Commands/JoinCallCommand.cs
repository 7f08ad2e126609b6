namespace TeamsMeetBot.Commands;

/// <summary>"join", "join the call", "bring the bot in": the bot joins the meeting's call.</summary>
public sealed record JoinCallCommand : BotCommand;
