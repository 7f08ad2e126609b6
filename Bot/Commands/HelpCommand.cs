namespace TeamsMeetBot.Commands;

/// <summary>"help", "?", "what can you do", a greeting, or a bare mention of the bot: answer with the command list.</summary>
public sealed record HelpCommand : BotCommand;
