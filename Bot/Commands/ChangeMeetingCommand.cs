namespace TeamsMeetBot.Commands;

/// <summary>
/// "invite @carol", "add bob to the standup", "remove @bob from the meeting", "uninvite bob", "rename it to retro",
/// "change the subject to Q4 planning": who is invited to a meeting the sender organized here, or its subject (see
/// <see cref="Which"/>). Either people to invite, people to leave out, or a new subject is set.
/// </summary>
public sealed record ChangeMeetingCommand : BotCommand
{
    /// <summary>The people (or tags) mentioned to invite.</summary>
    public IReadOnlyList<MentionInput> Invite { get; init; } = [];

    /// <summary>People to invite named as text ("bob", "@carol" typed without picking her, an address): looked up among the conversation's members.</summary>
    public IReadOnlyList<string> InviteByName { get; init; } = [];

    /// <summary>"invite everyone": every member of the conversation.</summary>
    public bool InviteEveryone { get; init; }

    /// <summary>The people (or tags) mentioned to take off the invite.</summary>
    public IReadOnlyList<MentionInput> Uninvite { get; init; } = [];

    /// <summary>People to take off the invite named as text: matched against the meeting's attendees.</summary>
    public IReadOnlyList<string> UninviteByName { get; init; } = [];

    /// <summary>The new subject, as written.</summary>
    public string? NewSubject { get; init; }

    /// <summary>Which meeting the message named ("add @carol to tomorrow's standup"), if any.</summary>
    public MeetingChoice Which { get; init; } = MeetingChoice.Unnamed;

    /// <summary>Whether the change invites people.</summary>
    public bool Invites => InviteEveryone || Invite.Count + InviteByName.Count > 0;

    /// <summary>Whether the change takes people off the invite.</summary>
    public bool Uninvites => Uninvite.Count + UninviteByName.Count > 0;
}
