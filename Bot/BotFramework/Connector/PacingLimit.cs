namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>At most <see cref="PermitLimit"/> writes per conversation in any <see cref="Window"/>.</summary>
public sealed class PacingLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
