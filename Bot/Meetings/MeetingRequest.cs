namespace TeamsMeetBot.Meetings;

/// <summary>What a person asked for, already parsed: the meeting service turns it into a Graph meeting and a card.</summary>
public sealed record MeetingRequest
{
    /// <summary>Null: a default subject naming who asked and where.</summary>
    public string? Subject { get; init; }

    /// <summary>Null: now.</summary>
    public DateTimeOffset? StartUtc { get; init; }

    public TimeSpan? Duration { get; init; }

    public IReadOnlyList<MentionTarget> Mentions { get; init; } = [];

    public bool InviteEveryone { get; init; }

    /// <summary>
    /// People never to invite ("with everyone except @alice"), matched by Teams id, or by display name when the id is
    /// empty (a name typed as text).
    /// </summary>
    public IReadOnlyList<MentionTarget> Excluded { get; init; } = [];

    /// <summary>
    /// People named as text, as written: "@alice" typed without picking a mention, "bob" after "with", an email address.
    /// Looked up among the conversation's members; the card lists those who could not be found.
    /// </summary>
    public IReadOnlyList<string> TypedNames { get; init; } = [];

    public string? TimeZoneId { get; init; }

    public bool TimeZoneAssumed { get; init; }

    /// <summary>A place written with the request ("room 4", "in person"): shown on the card, which says no room was booked.</summary>
    public string? Location { get; init; }
}
