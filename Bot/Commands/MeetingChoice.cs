namespace TeamsMeetBot.Commands;

/// <summary>
/// Which of the sender's meetings a "cancel" or "reschedule" means, by its start as the message named it: "tomorrow's
/// meeting" (a day), "the 3pm meeting" (a time), both, or neither (<see cref="SaysWhich"/> false).
/// </summary>
public sealed record MeetingChoice
{
    /// <summary>Nothing named: the sender's only meeting still to come.</summary>
    public static readonly MeetingChoice Unnamed = new();

    /// <summary>The day named, in <see cref="Zone"/>; null when none was.</summary>
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
