namespace TeamsMeetBot.Commands;

/// <summary>A command the bot understood. The concrete records say which one.</summary>
public abstract record BotCommand : ParseResult;
