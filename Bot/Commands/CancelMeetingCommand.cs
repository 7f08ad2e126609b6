namespace TeamsMeetBot.Commands;

/// <summary>
/// "cancel", "cancel the meeting", "call it off", "cancel tomorrow's meeting", "cancel the 3pm meeting": cancel a meeting
/// the sender organized here. With a day or a time, only a meeting that starts then; without, the only one there is.
/// </summary>
public sealed record CancelMeetingCommand : BotCommand
{
    /// <summary>The day named ("cancel tomorrow's meeting"), in <see cref="Zone"/>; null when none was.</summary>
    public DateOnly? OnDay { get; init; }

    /// <summary>The start times that may be meant, in <see cref="Zone"/>: "the 3pm meeting" is 15:00, "the 3 o'clock" 03:00 or 15:00.</summary>
    public IReadOnlyList<TimeOnly> AtTimes { get; init; } = [];

    /// <summary>The zone the day and time were read in (the sender's, or one written after the time).</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Whether the message said which meeting, by its day or its time.</summary>
    public bool SaysWhich => OnDay is not null || AtTimes.Count > 0;

    /// <summary>Whether a meeting starting at <paramref name="startUtc"/> is one the message could mean.</summary>
    public bool Matches(DateTimeOffset startUtc)
    {
        var local = ZonedTime.ToLocal(startUtc, Zone);
        var time = TimeOnly.FromDateTime(local);
        return (OnDay is not { } day || DateOnly.FromDateTime(local) == day)
            && (AtTimes.Count == 0 || AtTimes.Any(t => t.Hour == time.Hour && t.Minute == time.Minute));
    }
}
