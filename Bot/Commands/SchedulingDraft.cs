namespace TeamsMeetBot.Commands;

/// <summary>
/// What was understood from a message that could not become a meeting as typed; the bot prefills a scheduling
/// card with it. Date and time are in the sender's zone (<see cref="TimeZoneId"/>).
/// </summary>
public sealed record SchedulingDraft(
    string? Subject,
    IReadOnlyList<MentionInput> Attendees,
    bool InviteEveryone,
    DateOnly? Date,
    TimeOnly? Time,
    TimeSpan? Duration,
    string TimeZoneId)
{
    /// <summary>People named as text ("with bob", "@alice" typed, an email address), as written: looked up when the card is submitted.</summary>
    public IReadOnlyList<string> TypedNames { get; init; } = [];

    /// <summary>People to leave out ("except @alice"), carried through the card.</summary>
    public IReadOnlyList<MentionInput> Excluded { get; init; } = [];

    /// <summary>A place written with the request ("in room 4"), carried through the card to the meeting card.</summary>
    public string? Location { get; init; }
}
