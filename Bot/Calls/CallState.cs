namespace TeamsMeetBot.Calls;

/// <summary>The bot's leg of a meeting call, in the order it moves; a state never goes back.</summary>
public enum CallState
{
    Establishing = 0,
    Established = 1,
    Terminated = 2,
}
