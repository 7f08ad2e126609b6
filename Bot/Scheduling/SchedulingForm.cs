using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Scheduling;

/// <summary>
/// What a scheduling card shows and, once submitted and validated, what it asks for. Date and time are wall-clock
/// values in <see cref="TimeZoneId"/> (the sender's zone).
/// </summary>
public sealed record SchedulingForm
{
    public DateOnly? Date { get; init; }
    public TimeOnly? Time { get; init; }
    public required int DurationMinutes { get; init; }
    public string? Subject { get; init; }
    /// <summary>People to invite: mentions, and names typed as text (an empty id), looked up when the meeting is made.</summary>
    public IReadOnlyList<MentionTarget> People { get; init; } = [];
    public bool InviteEveryone { get; init; }

    /// <summary>People to leave out ("except @alice"); an empty id is a name typed as text.</summary>
    public IReadOnlyList<MentionTarget> Excluded { get; init; } = [];

    /// <summary>A place written with the request ("room 4"): shown on the card and carried to the meeting's card.</summary>
    public string? Location { get; init; }
    public required string TimeZoneId { get; init; }
    public bool TimeZoneAssumed { get; init; }

    /// <summary>The Entra object id of the person the card was offered to (only they can submit it).</summary>
    public string? RequesterAadObjectId { get; init; }

    /// <summary>Today in the sender's zone: the date picker's minimum.</summary>
    public required DateOnly Today { get; init; }
}
