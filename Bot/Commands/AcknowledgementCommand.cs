namespace TeamsMeetBot.Commands;

/// <summary>
/// "thanks!", "thank you for the meeting", "ok, great", "never mind": nothing asked. Answered with one short line, not
/// the help card: a thank-you that got "Sorry, I didn't get that" read as if the bot had missed the point.
/// </summary>
/// <param name="Thanks">Whether the message thanks the bot ("You're welcome!") or only acknowledges ("👍").</param>
public sealed record AcknowledgementCommand(bool Thanks) : BotCommand;
