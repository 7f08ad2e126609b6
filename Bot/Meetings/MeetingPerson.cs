namespace TeamsMeetBot.Meetings;

/// <summary>A person on a meeting: Teams id (29:…) for mentions, Entra object id and UPN for Graph.</summary>
public sealed record MeetingPerson(string? TeamsId, string Name, string? AadObjectId, string? UserPrincipalName);
