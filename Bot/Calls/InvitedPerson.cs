namespace TeamsMeetBot.Calls;

/// <summary>A person the bot rang, when, and what happened.</summary>
public sealed record InvitedPerson(string AadObjectId, string Name, InviteStatus Status, DateTimeOffset RungAt)
{
    /// <summary>The status to show at <paramref name="now"/>: still ringing after the timeout means no answer.</summary>
    public InviteStatus EffectiveStatus(DateTimeOffset now, TimeSpan ringTimeout) =>
        Status == InviteStatus.Ringing && now - RungAt >= ringTimeout ? InviteStatus.NoAnswer : Status;
}
