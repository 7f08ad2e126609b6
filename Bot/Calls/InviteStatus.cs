namespace TeamsMeetBot.Calls;

/// <summary>What became of a person the bot rang. Teams sends no event when someone declines, so "no answer" follows the ring timeout.</summary>
public enum InviteStatus
{
    Ringing = 0,
    Joined = 1,
    NoAnswer = 2,
    Failed = 3,
}
