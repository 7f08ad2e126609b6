namespace TeamsMeetBot.Commands;

/// <summary>"leave", "hang up", "bot leave": the bot leaves the call (the call goes on for the others).</summary>
public sealed record LeaveCallCommand : BotCommand
{
    /// <summary>
    /// "we're done", "that's a wrap": the sender says the meeting is over, not that the bot must go. The bot leaves its
    /// call if it is in one, and otherwise only acknowledges ("I'm not in the call" would answer what was not asked).
    /// </summary>
    public bool WrappingUp { get; init; }
}
