namespace TeamsMeetBot.Commands;

/// <summary>"meet now with @alice about the db failover for 45 min", "meet tomorrow at 3pm with @bob".</summary>
/// <param name="Start">The start in UTC, or null for "now" (the caller uses its own clock when it creates the meeting).</param>
/// <param name="Duration">The meeting length (the default when the text named none).</param>
/// <param name="Subject">The subject the sender gave, or null: the caller picks a default that says who asked and where.</param>
/// <param name="Attendees">The mentioned people and tags outside the subject text, in order, without duplicates.</param>
/// <param name="UnmatchedNames">Names typed as plain "@name" text without picking a Teams mention ("alice" for "@alice"): looked up among the conversation's members like <see cref="TypedNames"/>.</param>
/// <param name="InviteEveryone">"with everyone" / "with all of you": invite the members of the conversation.</param>
/// <param name="IsScheduled">True when a time was given (Start is not null).</param>
/// <param name="ScheduleDescription">What was understood, in the sender's zone, e.g. "Fri 27 Nov 15:00–15:45 (America/Los_Angeles)".</param>
/// <param name="TimeZoneAssumed">True when the sender's zone was unknown and UTC was assumed.</param>
public sealed record CreateMeetingCommand(
    DateTimeOffset? Start,
    TimeSpan Duration,
    string? Subject,
    IReadOnlyList<MentionInput> Attendees,
    IReadOnlyList<string> UnmatchedNames,
    bool InviteEveryone,
    bool IsScheduled,
    string ScheduleDescription,
    bool TimeZoneAssumed) : BotCommand
{
    /// <summary>The zone written after the time ("at 3pm UTC"), which the meeting is kept in; null for the sender's own.</summary>
    public TimeZoneInfo? WrittenZone { get; init; }

    /// <summary>
    /// People named in words after "with" ("with bob and Carol Chen") or by email address, as written: not attendees yet;
    /// the meeting service looks them up among the conversation's members, and the card says who could not be found.
    /// </summary>
    public IReadOnlyList<string> TypedNames { get; init; } = [];

    /// <summary>Everyone named as text, for the meeting service to look up: "@alice" typed as text, then <see cref="TypedNames"/>.</summary>
    public IReadOnlyList<string> NamesToLookUp => ClauseScanner.NamesToLookUp(UnmatchedNames, TypedNames);

    /// <summary>People to leave out ("with everyone except @alice"); an empty id is a name typed as text, matched by name.</summary>
    public IReadOnlyList<MentionInput> Excluded { get; init; } = [];

    /// <summary>A place written with the meeting ("in room 4", "at the office", "in person"), as written; Teams books no room for it.</summary>
    public string? Location { get; init; }

    /// <summary>The end in UTC, or null when the meeting starts "now" (then it ends <see cref="Duration"/> after creation).</summary>
    public DateTimeOffset? End => Start + Duration;
}
