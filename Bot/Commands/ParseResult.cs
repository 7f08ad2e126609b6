namespace TeamsMeetBot.Commands;

/// <summary>What <see cref="CommandParser.Parse"/> returns: either a <see cref="BotCommand"/> or a <see cref="ParseFailure"/>.</summary>
public abstract record ParseResult;
