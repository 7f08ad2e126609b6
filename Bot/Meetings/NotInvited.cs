namespace TeamsMeetBot.Meetings;

/// <summary>Someone the command named who could not be added, and why (shown on the card).</summary>
public sealed record NotInvited(string Name, string Reason);
